//! The typed library client on the embedded scheduler with our worker, in one process: the async
//! operation started, awaited and found again through both listing calls, page by page.

use std::{collections::BTreeSet, time::Duration};

use dts_async::{
    client::{Client, InstanceIdQuery, InstanceQuery, RuntimeStatus, StartRequest},
    connection::{Connection, ConnectionSettings},
    operation,
    scheduler::{Scheduler, SchedulerConfig},
    worker::Worker,
};

const OPERATIONS: usize = 5;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn started_operations_complete_and_both_listings_page_through_each_once() {
    let scheduler = Scheduler::open(SchedulerConfig::default())
        .expect("opens")
        .spawn("127.0.0.1:0".parse().expect("address"))
        .await
        .expect("serves");
    let connection = || {
        Connection::resolve(ConnectionSettings {
            endpoint: Some(scheduler.endpoint()),
            ..ConnectionSettings::default()
        })
        .expect("a valid endpoint")
    };
    let worker = operation::register(Worker::builder(connection())).build();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker.run(async {
        let _ = stopped.await;
    }));
    let client = Client::connect(&connection()).await.expect("connects");

    let mut started = BTreeSet::new();
    for n in 0..OPERATIONS {
        let id = client
            .start(StartRequest {
                name: operation::ORCHESTRATOR.to_owned(),
                instance_id: Some(format!("op-{n}")),
                input: Some(r#"{"processing_time": 0}"#.to_owned()),
                ..StartRequest::default()
            })
            .await
            .expect("starts");
        started.insert(id);
    }
    for id in &started {
        let state = client
            .wait_for_completion(id, true, Duration::from_secs(30))
            .await
            .expect("waits")
            .expect("exists");
        assert_eq!(state.runtime_status, Some(RuntimeStatus::Completed), "{id}");
    }

    // Instance ids, two per page, by completion time.
    let id_query = InstanceIdQuery {
        statuses: vec![RuntimeStatus::Completed],
        page_size: 2,
        ..InstanceIdQuery::default()
    };
    let (mut listed, mut pages, mut key) = (Vec::new(), 0, None);
    loop {
        let page = client
            .list_instance_ids(&id_query, key)
            .await
            .expect("lists ids");
        pages += 1;
        listed.extend(page.instance_ids);
        key = page.last_instance_key;
        if key.is_none() {
            break;
        }
    }
    assert_eq!(pages, 3, "five ids two by two");
    assert_eq!(listed.len(), OPERATIONS, "each id once: {listed:?}");
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), started);

    // Full states, two per page, with a prefix filter.
    let query = InstanceQuery {
        id_prefix: Some("op-".to_owned()),
        page_size: 2,
        ..InstanceQuery::default()
    };
    let (mut queried, mut token) = (Vec::new(), None);
    loop {
        let page = client.query(&query, token).await.expect("queries");
        queried.extend(page.instances.into_iter().map(|s| s.instance_id));
        token = page.continuation;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(queried.len(), OPERATIONS, "each instance once: {queried:?}");
    assert_eq!(queried.into_iter().collect::<BTreeSet<_>>(), started);

    let _ = stop.send(());
    worker
        .await
        .expect("joins")
        .expect("the worker stops cleanly");
    scheduler.shutdown().await.expect("stops");
}
