# The Python client of Hub's websocket API document ("Using the Hub websocket API to create an
# external chat client", shared/seed/hub-websocket-api.md), put together from its sections as the
# document says ("To see the complete python client with all the functionnalities"): connect,
# recv with manage_presence (the typing-aware version), Prompt and send_messages. Kept as close to
# the document as Python 3.11 and Debian's python3-websockets allow; the only changes, each
# marked "CHANGED" below:
#   - the URL, room and username come from the command line (the document hard-codes the Heroku
#     URL, room:lobby and robin);
#   - presence_state prints the user list (as the document's first recv does) besides keeping it;
#   - asyncio.Queue() without loop= (removed in Python 3.10) and a new event loop in main
#     (asyncio.get_event_loop() without a running loop is deprecated).
# Like the document's client it sends no heartbeats, so Hub closes it after 45 s of silence.
# Run by SeedPythonClientIntegrationTests:
#   /usr/bin/python3 -u hub_client.py ws://127.0.0.1:4000/socket/websocket lobby robin
import asyncio
import json
import sys

import websockets

# CHANGED: from the command line
URL = sys.argv[1] if len(sys.argv) > 1 else "ws://localhost:4000/socket/websocket"
ROOM = sys.argv[2] if len(sys.argv) > 2 else "lobby"
USERNAME = sys.argv[3] if len(sys.argv) > 3 else "robin"

online_users = []


async def connect():
    connection = await websockets.connect(URL)
    data = {
        "topic": f"room:{ROOM}",
        "event": "phx_join",
        "payload": {"username": USERNAME},
        "ref": None,
    }
    await connection.send(json.dumps(data))
    return connection


def manage_presence(message):
    join_info_keys = list(message["payload"]["joins"].keys())
    leave_info_keys = list(message["payload"]["leaves"].keys())

    user_joined = True if join_info_keys else False

    if user_joined:
        username = join_info_keys[0]
        if join_info_keys[0] in online_users: # user is already in the online user list
            typing = message["payload"]["joins"][username]["metas"][0]["typing"]
            typing_message = "is" if typing else "has stopped"
            print(f"{username} {typing_message} typing")
        else: # user is not in the list -> just connected
            online_users.append(join_info_keys[0])
            print(f"{username} has joined")
            print(f"Online users: {online_users}")
    else:
        username = leave_info_keys[0]
        online_users.remove(username)
        print(f"{username} has left")


async def recv(connection):
    response = await connection.recv()
    print(f"< connected")

    async for message_data in connection:
        message = json.loads(message_data)
        if message["event"] == "shout":
            name = message["payload"]["name"]
            body = message["payload"]["body"]
            print(f"< {name} says : {body}")
        elif message["event"] == "presence_diff":
            manage_presence(message)
        elif message["event"] == "presence_state":
            online_users.extend(list(message["payload"].keys()))
            print(list(message["payload"].keys()))  # CHANGED: printed, as in the first recv


class Prompt:
    def __init__(self, loop=None):
        self.loop = loop or asyncio.get_event_loop()
        self.q = asyncio.Queue()  # CHANGED: no loop= (removed in Python 3.10)
        self.loop.add_reader(sys.stdin, self.on_input)

    def on_input(self):
        asyncio.ensure_future(self.q.put(sys.stdin.readline()), loop=self.loop)

    async def __call__(self, msg=None, **kwargs):
        if msg:
            print(msg, **kwargs)
        return (await self.q.get()).rstrip("\n")


async def send_messages(connection, room_name, username):
    prompt = Prompt()
    while True:
        message_body = await prompt()
        if message_body:
            message = {
                "topic": f"room:{room_name}",
                "event": "shout",
                "payload": {
                    "body": message_body,
                    "channel": room_name,
                    "name": username,
                },
                "ref": None,
            }

            await connection.send(json.dumps(message))


if __name__ == "__main__":
    loop = asyncio.new_event_loop()  # CHANGED: get_event_loop() without a running loop is deprecated
    asyncio.set_event_loop(loop)
    connection = loop.run_until_complete(connect())
    asyncio.ensure_future(recv(connection))
    asyncio.ensure_future(send_messages(connection, ROOM, USERNAME))
    loop.run_forever()
