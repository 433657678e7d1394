#!/usr/bin/env python3
"""The official Python SDK's per-call signing cost and client CPU per end-to-end call, for
comparison with tc-runtime's criterion benches (benches/sign.rs, benches/call.rs) on the same
machine.

Run with the SDK installed (tencentcloud-sdk-python-common and -ssl from PyPI):

    /tmp/tcvenv/bin/python runtime/benches/python_sdk_bench.py

It prints:
  - sign_tc3 (cold key chain; the SDK caches no derived key) per call,
  - _build_req_with_tc3_signature (JSON body + headers + signature) per call,
  - CPU time of the calling thread per ApplyCertificate call against a keep-alive HTTP/1.1
    server on 127.0.0.1 run in a separate process (wall time there is dominated by Nagle and
    delayed-ACK stalls between the SDK and http.server; compare CPU).
"""

import subprocess
import sys
import time
import timeit

from tencentcloud.common.credential import Credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.common.sign import Sign
from tencentcloud.ssl.v20191205 import models, ssl_client

SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"

SERVER = r'''
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
BODY = b'{"Response":{"CertificateId":"cert-123","RequestId":"req-1"}}'
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *a):
        pass
s = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
'''


def per_call(fn, number):
    best = min(timeit.repeat(fn, number=number, repeat=5))
    return best / number * 1e6


def main():
    string_to_sign = "TC3-HMAC-SHA256\n1700000000\n2023-11-14/ssl/tc3_request\n" + "a" * 64
    sign_us = per_call(lambda: Sign.sign_tc3(SECRET_KEY, "2023-11-14", "ssl", string_to_sign), 20000)
    print(f"python sign_tc3 (key chain + signature): {sign_us:.2f} us/call")

    client = ssl_client.SslClient(Credential(SECRET_ID, SECRET_KEY), "")
    params = {"DvAuthMethod": "DNS_AUTO", "DomainName": "www.example.com",
              "PackageType": "83", "Alias": "bench"}

    def build():
        req = RequestInternal(client._get_endpoint(), "POST", "/")
        client._build_req_with_tc3_signature("ApplyCertificate", params, req)
        return req

    build_us = per_call(build, 20000)
    print(f"python _build_req_with_tc3_signature (serialize + headers + sign): {build_us:.2f} us/call")

    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        http = HttpProfile(endpoint=f"127.0.0.1:{port}", protocol="http", keepAlive=True)
        local = ssl_client.SslClient(Credential(SECRET_ID, SECRET_KEY), "",
                                     ClientProfile(httpProfile=http))
        request = models.ApplyCertificateRequest()
        request.from_json_string('{"DvAuthMethod": "DNS_AUTO", "DomainName": "www.example.com"}')
        local.ApplyCertificate(request)
        calls = 300
        cpu, wall = time.thread_time(), time.perf_counter()
        for _ in range(calls):
            local.ApplyCertificate(request)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        print(f"python end-to-end call: CPU {cpu / calls * 1e6:.1f} us/call, "
              f"wall {wall / calls * 1e6:.1f} us/call ({calls} calls)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
