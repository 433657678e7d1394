//! Answers as the service really sends them, which differ from its docs: each case here
//! decodes with the generated types instead of failing.

use serde_json::json;
use tc_runtime::response::{Decoded, decode};
use tencentcloud::ssl::v20191205::{
    CertificateInfoSubmitResponse, CertificateStatus, DescribeCertificateResponse,
    DescribeCertificatesResponse, DescribeHostClbInstanceListResponse, ServiceErrorCode,
};

#[test]
fn numbers_sent_as_strings_decode() {
    let answer: DescribeCertificatesResponse = serde_json::from_value(json!({
        "TotalCount": "2", "Certificates": [], "RequestId": "r-1"
    }))
    .expect("decodes");
    assert_eq!(answer.total_count, 2);
}

#[test]
fn integer_value_sets_sent_as_strings_decode() {
    let answer: DescribeCertificateResponse = serde_json::from_value(json!({
        "Status": "1", "RequestId": "r-1"
    }))
    .expect("decodes");
    assert_eq!(answer.status, Some(CertificateStatus::from(1)));
}

#[test]
fn a_null_response_decodes_when_nothing_in_it_is_required() {
    match decode::<CertificateInfoSubmitResponse, tc_runtime::Code<ServiceErrorCode>>(
        200,
        br#"{"Response": null}"#,
    ) {
        Decoded::Output(answer, _) => assert_eq!(answer.request_id, ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_member_documented_as_always_sent_may_be_missing_where_the_overlay_says_so() {
    // The DescribeHostClbInstanceList example leaves out `Forward`; the overlay records it.
    let answer: DescribeHostClbInstanceListResponse = serde_json::from_value(json!({
        "TotalCount": 1,
        "InstanceList": [{"LoadBalancerId": "lb-1", "LoadBalancerName": "lb", "Listeners": []}],
        "AsyncTotalNum": 0, "AsyncOffset": 0, "AsyncCacheTime": "2023-12-09 12:00:00",
        "RequestId": "r-1"
    }))
    .expect("decodes");
    assert_eq!(answer.instance_list[0].forward, None);
}
