//! Durable timers: every pending timer lives in the `timers` table; this wheel keeps their due
//! times in memory (reloaded at start-up, so timers fire on time after a restart) and fires
//! every due timer in one transaction.

use std::{
    cmp::Reverse,
    collections::BinaryHeap,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::sync::Notify;

use super::{Core, store};
use crate::scheduler::types::{Micros, now_micros};

/// Most timers fired in one transaction.
const MAX_FIRE_BATCH: usize = 1024;

/// Due times of the pending timers.
#[derive(Default)]
pub struct Timers {
    heap: Mutex<BinaryHeap<Reverse<(Micros, i64)>>>,
    changed: Notify,
}

impl Timers {
    /// Arms a timer stored with row id `id`.
    pub fn add(&self, id: i64, due: Micros) {
        let earliest = {
            let mut heap = self.heap.lock().unwrap_or_else(|e| e.into_inner());
            heap.push(Reverse((due, id)));
            heap.peek().map(|Reverse((at, _))| *at) == Some(due)
        };
        if earliest {
            self.changed.notify_one();
        }
    }

    fn take_due(&self, now: Micros) -> (Vec<i64>, Option<Micros>) {
        let mut heap = self.heap.lock().unwrap_or_else(|e| e.into_inner());
        let mut due = Vec::new();
        while due.len() < MAX_FIRE_BATCH {
            match heap.peek() {
                Some(Reverse((at, id))) if *at <= now => {
                    due.push(*id);
                    heap.pop();
                }
                _ => break,
            }
        }
        (due, heap.peek().map(|Reverse((at, _))| *at))
    }
}

/// Fires timers as they come due until shutdown.
pub async fn run(core: Arc<Core>) {
    let mut shutdown = core.shutdown.clone();
    loop {
        let changed = core.timers.changed.notified();
        let (due, next) = core.timers.take_due(now_micros());
        if !due.is_empty() {
            let ids = due.clone();
            let result = core
                .store
                .write(move |conn| {
                    let mut fx = store::Effects::default();
                    store::fire_timers(conn, &ids, &mut fx)?;
                    Ok(fx)
                })
                .await;
            match result {
                Ok(fx) => core.apply(fx),
                Err(err) => {
                    tracing::error!("cannot fire timers: {err}");
                    let retry = now_micros() + 1_000_000;
                    for id in due {
                        core.timers.add(id, retry);
                    }
                }
            }
            continue;
        }
        let wait = next.map_or(Duration::from_secs(3600), |at| {
            Duration::from_micros(u64::try_from(at - now_micros()).unwrap_or(0))
        });
        tokio::select! {
            _ = changed => {}
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => return,
        }
    }
}
