#!/usr/bin/env python3
"""The notices' local receivers for t/http/56x (issue 15), on 127.0.0.1:

  an HTTPS server standing in for the 企业微信 group robot: every POST's
  body is kept as one line of DIR/webhook.log; it answers what DIR/mode
  says (ok: {"errcode":0}, rate: errcode 45009, error: errcode 93000,
  http500: HTTP 500), ok when there is no such file;

  an SMTP sink: every message is kept whole as DIR/mail.N.eml, its
  envelope as DIR/mail.N.env (MAIL FROM and RCPT TO lines).

usage: notify-receiver.py DIR CERT KEY HTTPS_PORT SMTP_PORT
(a port 0 takes a free one). The ports in use are written to DIR/ports
("HTTPS SMTP") once both listen. Runs until killed.
"""
import asyncio
import json
import os
import ssl
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
import threading

DIR, CERT, KEY = sys.argv[1], sys.argv[2], sys.argv[3]
HPORT, SPORT = int(sys.argv[4]), int(sys.argv[5])


def mode():
    try:
        with open(os.path.join(DIR, "mode")) as f:
            return f.read().strip()
    except OSError:
        return "ok"


class Robot(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        m = mode()
        with open(os.path.join(DIR, "webhook.log"), "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        with open(os.path.join(DIR, "webhook.paths"), "a") as f:
            f.write(self.path + " " + self.headers.get("Content-Type", "") + "\n")
        if m == "http500":
            self.send_response(500)
            self.end_headers()
            return
        reply = {"ok": {"errcode": 0, "errmsg": "ok"},
                 "rate": {"errcode": 45009, "errmsg": "api freq out of limit"},
                 "error": {"errcode": 93000, "errmsg": "invalid webhook url"}}.get(
                     m, {"errcode": 0, "errmsg": "ok"})
        out = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


class ReuseServer(HTTPServer):
    allow_reuse_address = True


def https_server():
    srv = ReuseServer(("127.0.0.1", HPORT), Robot)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT, KEY)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    return srv


def next_mail():
    n = 1
    while os.path.exists(os.path.join(DIR, "mail.%d.eml" % n)):
        n += 1
    return n


async def smtp(reader, writer):
    def say(line):
        writer.write(line.encode() + b"\r\n")

    env = []
    say("220 127.0.0.1 test sink")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode("latin-1").rstrip("\r\n")
        up = cmd.upper()
        if up.startswith("EHLO"):
            say("250-127.0.0.1")
            say("250-8BITMIME")
            say("250 SIZE 10485760")
        elif up.startswith("HELO"):
            say("250 127.0.0.1")
        elif up.startswith("MAIL FROM:") or up.startswith("RCPT TO:"):
            env.append(cmd)
            say("250 OK")
        elif up == "DATA":
            say("354 go on")
            await writer.drain()
            data = b""
            while True:
                l = await reader.readline()
                if not l or l == b".\r\n":
                    break
                if l.startswith(b".."):
                    l = l[1:]
                data += l
            n = next_mail()
            with open(os.path.join(DIR, "mail.%d.env" % n), "w") as f:
                f.write("\n".join(env) + "\n")
            with open(os.path.join(DIR, "mail.%d.eml" % n), "wb") as f:
                f.write(data)
            env = []
            say("250 OK queued")
        elif up == "RSET":
            env = []
            say("250 OK")
        elif up == "NOOP":
            say("250 OK")
        elif up == "QUIT":
            say("221 bye")
            await writer.drain()
            break
        else:
            say("502 not here")
        await writer.drain()
    writer.close()


async def main():
    web = https_server()
    threading.Thread(target=web.serve_forever, daemon=True).start()
    sink = await asyncio.start_server(smtp, "127.0.0.1", SPORT, reuse_address=True)
    sport = sink.sockets[0].getsockname()[1]
    tmp = os.path.join(DIR, "ports.tmp")
    with open(tmp, "w") as f:
        f.write("%d %d\n" % (web.server_address[1], sport))
    os.rename(tmp, os.path.join(DIR, "ports"))
    async with sink:
        await sink.serve_forever()


asyncio.run(main())
