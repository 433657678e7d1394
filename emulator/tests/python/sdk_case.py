"""Tencent's official Python SDK against the emulator: ApplyCertificate and DescribeCertificate
are accepted, and a wrong key is refused with AuthFailure.SignatureFailure.

Usage: python sdk_case.py <base_url> <secret_id> <secret_key>
Prints one JSON line with what was seen; exits non-zero on any mismatch.
"""

import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.ssl.v20191205 import models, ssl_client


def client(endpoint, secret_id, secret_key):
    host = endpoint.split("://", 1)[-1].rstrip("/")
    http_profile = HttpProfile(protocol="http", endpoint=host, reqTimeout=10)
    profile = ClientProfile(httpProfile=http_profile, signMethod="TC3-HMAC-SHA256")
    return ssl_client.SslClient(credential.Credential(secret_id, secret_key), "", profile)


def main():
    endpoint, secret_id, secret_key = sys.argv[1:4]
    good = client(endpoint, secret_id, secret_key)
    seen = {}

    apply = models.ApplyCertificateRequest()
    apply.DvAuthMethod = "DNS_AUTO"
    apply.DomainName = "python-sdk.example.com"
    applied = good.ApplyCertificate(apply)
    assert applied.CertificateId, "no CertificateId"
    seen["certificate_id"] = applied.CertificateId

    describe = models.DescribeCertificateRequest()
    describe.CertificateId = applied.CertificateId
    described = good.DescribeCertificate(describe)
    assert described.CertificateId == applied.CertificateId, described.to_json_string()
    assert described.Domain == "python-sdk.example.com", described.Domain
    assert described.Status in (4, 1), described.Status
    seen["status"] = described.Status
    seen["request_id"] = described.RequestId

    invalid = models.ApplyCertificateRequest()
    invalid.DvAuthMethod = "EMAIL"
    invalid.DomainName = "python-sdk.example.com"
    try:
        good.ApplyCertificate(invalid)
        raise AssertionError("an invalid DvAuthMethod was accepted")
    except TencentCloudSDKException as error:
        assert error.get_code() == "InvalidParameterValue", error
        seen["invalid_value"] = error.get_code()

    bad = client(endpoint, secret_id, secret_key + "-wrong")
    try:
        bad.DescribeCertificate(describe)
        raise AssertionError("a wrong key was accepted")
    except TencentCloudSDKException as error:
        assert error.get_code() == "AuthFailure.SignatureFailure", error
        seen["wrong_key"] = error.get_code()

    print(json.dumps(seen))


if __name__ == "__main__":
    main()
