//! Response members typed by a value set (from the audit in spec/ssl/RULES.md) still decode a
//! value the cloud adds after the spec was written: it is kept, as sent, in `Unknown`, and a
//! documented value becomes its variant.

use serde_json::json;
use tencentcloud::ssl::v20191205::{
    SyncProgressStatus, UpdateTaskCreation, UploadUpdateCertificateInstanceResponse,
};

fn answer(deploy_status: i64, progress: i64) -> UploadUpdateCertificateInstanceResponse {
    serde_json::from_value(json!({
        "DeployRecordId": 7,
        "DeployStatus": deploy_status,
        "UpdateSyncProgress": [{"ResourceType": "clb", "Status": progress}],
        "RequestId": "r-1"
    }))
    .expect("decodes")
}

#[test]
fn documented_values_decode_into_their_variants() {
    let answer = answer(1, 3);
    assert_eq!(answer.deploy_status, UpdateTaskCreation::Created);
    let progress = answer.update_sync_progress.expect("sent");
    assert_eq!(progress[0].status, Some(SyncProgressStatus::Processing));
}

#[test]
fn values_added_later_are_kept_as_sent() {
    let answer = answer(2, 42);
    assert!(matches!(
        answer.deploy_status,
        UpdateTaskCreation::Unknown(_)
    ));
    assert_eq!(answer.deploy_status.value(), 2);
    let status = answer.update_sync_progress.expect("sent")[0]
        .status
        .clone()
        .expect("sent");
    assert!(matches!(status, SyncProgressStatus::Unknown(_)));
    assert_eq!(status.value(), 42);
    // Sent back (a user who stores and replays an answer), it is the same number.
    assert_eq!(
        serde_json::to_value(&status).expect("serializes"),
        json!(42)
    );
}

#[test]
fn text_values_added_later_are_kept_as_sent() {
    use tencentcloud::ssl::v20191205::CdnDomainStatus;
    let known: CdnDomainStatus = serde_json::from_value(json!("online")).expect("decodes");
    assert_eq!(known, CdnDomainStatus::Online);
    let later: CdnDomainStatus = serde_json::from_value(json!("suspended")).expect("decodes");
    assert!(matches!(later, CdnDomainStatus::Unknown(_)));
    assert_eq!(later.as_str(), "suspended");
}
