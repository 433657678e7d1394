"""The official Python SDK against the emulator: requests per second at 1 and 16 requests in
flight (threads), and the SDK's CPU time per call. Not run by CI.

Usage:
    cargo build --release -p tc-emulator
    python emulator/benches/python_sdk.py target/release/tc-emulator [seconds]

Needs tencentcloud-sdk-python-common and tencentcloud-sdk-python-ssl. The emulator runs
single-threaded, pinned to CPU 0 with taskset when available; this process runs on the others.
"""

import os
import shutil
import subprocess
import sys
import threading
import time

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.ssl.v20191205 import models, ssl_client

SECRET_ID = "AKIDEMULATOR00000000000000000000000"
SECRET_KEY = "emulator-demo-secret-key-000000000"


def cpu_seconds(pid):
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0


def make_client(host):
    profile = ClientProfile(
        httpProfile=HttpProfile(protocol="http", endpoint=host, reqTimeout=10, keepAlive=True),
        signMethod="TC3-HMAC-SHA256",
    )
    return ssl_client.SslClient(credential.Credential(SECRET_ID, SECRET_KEY), "", profile)


def main():
    binary = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    pin = shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2
    command = (["taskset", "-c", "0"] if pin else []) + [
        binary, "--port", "0", "--threads", "1", "--clock-speed", "1000",
    ]
    emulator = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        if pin:
            os.sched_setaffinity(0, set(range(1, os.cpu_count())))
        url = emulator.stdout.readline().strip().rsplit(" ", 1)[-1]
        host = url.split("://", 1)[-1]
        client = make_client(host)
        apply = models.ApplyCertificateRequest()
        apply.DvAuthMethod = "DNS_AUTO"
        apply.DomainName = "bench.example.com"
        cert_id = client.ApplyCertificate(apply).CertificateId
        time.sleep(0.2)
        print("emulator %s, single-threaded%s; DescribeCertificate, %.0f s per level" % (
            url, ", pinned to CPU 0" if pin else "", seconds))
        for in_flight in (1, 16):
            counts = [0] * in_flight
            deadline = time.monotonic() + seconds

            def worker(index):
                own = make_client(host)
                request = models.DescribeCertificateRequest()
                request.CertificateId = cert_id
                while time.monotonic() < deadline:
                    own.DescribeCertificate(request)
                    counts[index] += 1

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(in_flight)]
            cpu = time.process_time()
            emulator_cpu = cpu_seconds(emulator.pid)
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
            cpu = time.process_time() - cpu
            emulator_cpu = cpu_seconds(emulator.pid) - emulator_cpu
            calls = sum(counts)
            print("in flight %2d: %8.0f req/s; SDK CPU %7.1f us/call; emulator CPU %6.1f us/request" % (
                in_flight, calls / elapsed, cpu / calls * 1e6, emulator_cpu / calls * 1e6))
    finally:
        emulator.terminate()
        emulator.wait()


if __name__ == "__main__":
    main()
