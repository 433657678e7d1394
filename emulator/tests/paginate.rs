//! Generated paginators against the emulator over HTTP: pages come in order, the walk stops by
//! itself, and no page is asked for twice.

mod common;

use tc_emulator::Emulator;
use tc_runtime::RetryPolicy;
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificatesRequest, DvAuthMethod, SslClient,
};

async fn emulator_with_certificates(count: usize) -> (tc_emulator::RunningEmulator, SslClient) {
    let emulator = Emulator::builder()
        .start()
        .await
        .expect("the emulator starts");
    let client = common::ssl_client(&emulator, RetryPolicy::new());
    for index in 0..count {
        let domain = format!("site{index}.example.com");
        client
            .apply_certificate(ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, domain))
            .await
            .expect("the emulator issues a free certificate");
    }
    (emulator, client)
}

#[tokio::test]
async fn five_certificates_come_in_three_pages_each_asked_once() {
    let (emulator, client) = emulator_with_certificates(5).await;
    let mut pages = client
        .describe_certificates_pages(DescribeCertificatesRequest::new().limit(2))
        .pages();
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("every page arrives");
        assert_eq!(page.total, Some(5));
        sizes.push(page.items.len());
        ids.extend(page.items.into_iter().map(|item| item.certificate_id));
    }
    assert_eq!(sizes, [2, 2, 1]);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "every certificate once: {ids:?}");
    // The short last page ends the walk: offset 6 is never asked for.
    assert_eq!(emulator.ssl().listed_pages(), [(0, 2), (2, 2), (4, 2)]);
}

#[tokio::test]
async fn the_walk_stops_at_the_total_without_asking_for_an_empty_page() {
    let (emulator, client) = emulator_with_certificates(4).await;
    let mut items = client
        .describe_certificates_pages(DescribeCertificatesRequest::new().limit(2).offset(1))
        .items();
    let mut count = 0;
    while let Some(item) = items.next().await {
        item.expect("every item arrives");
        count += 1;
    }
    assert_eq!(count, 3, "items 1, 2 and 3 of 0..4");
    assert_eq!(emulator.ssl().listed_pages(), [(1, 2), (3, 2)]);
}

#[tokio::test]
async fn next_page_walks_one_page_at_a_time() {
    let (emulator, client) = emulator_with_certificates(3).await;
    let mut paginator =
        client.describe_certificates_pages(DescribeCertificatesRequest::new().limit(3));
    let page = paginator
        .next_page()
        .await
        .expect("one page")
        .expect("arrives");
    assert_eq!(page.items.len(), 3);
    assert_eq!(paginator.next_offset(), 3);
    assert!(
        paginator.next_page().await.is_none(),
        "the total is reached"
    );
    assert_eq!(emulator.ssl().listed_pages(), [(0, 3)]);
}
