#!/usr/bin/env python3
"""Produces tc3_vectors.json: TC3-HMAC-SHA256 signatures computed by Tencent's official
Python SDK (tencentcloud-sdk-python-common, from PyPI), for tc-runtime's signer tests.

The signatures come from the SDK's own code paths, not from a re-implementation:
`AbstractClient._build_req_with_tc3_signature` (with `time.time` pinned) builds the headers,
body and Authorization exactly as the SDK sends them; for raw bodies the SDK's JSON encoder
would never produce (unescaped UTF-8, `charset=utf-8`), `AbstractClient._get_tc3_signature`
signs the given bytes.

How it was run (tencentcloud-sdk-python-common 3.x, ssl module and tccli in a venv):

    python3 -m venv /tmp/tcvenv
    /tmp/tcvenv/bin/pip install tencentcloud-sdk-python-common tencentcloud-sdk-python-ssl tccli
    /tmp/tcvenv/bin/python runtime/tests/vectors/make_vectors.py > runtime/tests/vectors/tc3_vectors.json

The Rust test (tests/sign_vectors.rs) only reads the JSON file; it needs no Python.
"""

import json
import sys
from unittest import mock

import tencentcloud
from tencentcloud.common import abstract_client
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.credential import Credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"


def make_client(service, version, region, token, language, endpoint=None):
    class Client(AbstractClient):
        _apiVersion = version
        _endpoint = service + ".tencentcloudapi.com"
        _service = service

    profile = ClientProfile(httpProfile=HttpProfile(endpoint=endpoint) if endpoint else HttpProfile())
    if language:
        profile.language = language
    return Client(Credential(SECRET_ID, SECRET_KEY, token), region, profile)


def sdk_vector(name, service, version, action, params, timestamp, region=None, token=None,
               language=None, endpoint=None):
    client = make_client(service, version, region, token, language, endpoint)
    req = RequestInternal(client._get_endpoint(), "POST", "/")
    with mock.patch.object(abstract_client.time, "time", return_value=float(timestamp)):
        client._build_req_with_tc3_signature(action, params, req)
    return {
        "name": name,
        "service": service,
        "version": version,
        "action": action,
        "region": region,
        "token": token,
        "language": language,
        "timestamp": timestamp,
        "host": req.header["Host"],
        "content_type": req.header["Content-Type"],
        "body": req.data,
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "headers": req.header,
        "authorization": req.header["Authorization"],
    }


def raw_vector(name, service, version, action, body, content_type, timestamp, region=None):
    """Signs exact body bytes with the SDK's `_get_tc3_signature` (no JSON re-encoding)."""
    import datetime

    client = make_client(service, version, region, None, None)
    host = client._get_endpoint()
    req = RequestInternal(host, "POST", "/", {"Content-Type": content_type, "Host": host, "X-TC-Timestamp": str(timestamp)}, body)
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    signature = client._get_tc3_signature(None, req, date, service, SECRET_KEY)
    auth = "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=content-type;host, Signature=%s" % (
        SECRET_ID, date, service, signature)
    return {
        "name": name,
        "service": service,
        "version": version,
        "action": action,
        "region": region,
        "token": None,
        "language": None,
        "timestamp": timestamp,
        "host": host,
        "content_type": content_type,
        "body": body,
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "headers": None,
        "authorization": auth,
    }


def main():
    midnight = 1704067200  # 2024-01-01T00:00:00Z
    cvm_params = {"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}
    apply = {"DvAuthMethod": "DNS_AUTO", "DomainName": "www.example.com", "PackageType": "83"}
    vectors = [
        raw_vector("published-cvm-example", "cvm", "2017-03-12", "DescribeInstances",
                   '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
                   "application/json; charset=utf-8", 1551113065, "ap-guangzhou"),
        sdk_vector("cvm-describe", "cvm", "2017-03-12", "DescribeInstances", cvm_params,
                   1551113065, region="ap-guangzhou"),
        sdk_vector("ssl-apply-no-region", "ssl", "2019-12-05", "ApplyCertificate", apply, 1700000000),
        sdk_vector("ssl-last-second-before-midnight", "ssl", "2019-12-05", "DescribeCertificates",
                   {"Limit": 10}, midnight - 1),
        sdk_vector("ssl-midnight", "ssl", "2019-12-05", "DescribeCertificates", {"Limit": 10}, midnight),
        sdk_vector("ssl-after-midnight", "ssl", "2019-12-05", "DescribeCertificates", {"Limit": 10},
                   midnight + 1),
        sdk_vector("ssl-session-token", "ssl", "2019-12-05", "ApplyCertificate", apply, 1712345678,
                   token="da1e9d2ee9dda83506832d5ecb903b790132dfe340001"),
        sdk_vector("cdn-language-en", "cdn", "2018-06-06", "DescribeDomains", {"Offset": 0},
                   1650000000, language="en-US"),
        sdk_vector("tke-region-token", "tke", "2018-05-25", "DescribeClusters", {"ClusterIds": ["cls-1"]},
                   1609459199, region="ap-shanghai", token="temporary-token"),
        sdk_vector("cam-empty-body", "cam", "2019-01-16", "ListUsers", {}, 1600000000, language="zh-CN"),
        sdk_vector("cvm-regional-host", "cvm", "2017-03-12", "DescribeZones", {}, 1720000000,
                   region="ap-guangzhou", endpoint="cvm.ap-guangzhou.tencentcloudapi.com"),
        raw_vector("ssl-raw-utf8-body", "ssl", "2019-12-05", "ApplyCertificate",
                   '{"DomainName":"例子.测试","Alias":"证书 ✓ émoji 🎉"}', "application/json", midnight),
        raw_vector("cvm-raw-utf8-charset", "cvm", "2017-03-12", "DescribeInstances",
                   '{"Filters":[{"Name":"instance-name","Values":["未命名"]}],"Limit":1}',
                   "application/json; charset=utf-8", 1551139200, "ap-guangzhou"),
    ]
    json.dump({"sdk": "tencentcloud-sdk-python " + tencentcloud.__version__, "vectors": vectors},
              sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
