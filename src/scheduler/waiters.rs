//! Wake-ups for `WaitForInstanceStart` / `WaitForInstanceCompletion`: a registry keyed by
//! instance that carries each committed status change, so waiters never poll and read the
//! instance again only once its status is the one they wait for.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::watch;

/// An instance: (task hub, instance id).
type Key = (Arc<str>, String);

/// Instances someone is waiting on, each with the last status committed since.
#[derive(Default)]
pub struct Waiters {
    map: Mutex<HashMap<Key, watch::Sender<i32>>>,
}

/// A registration; removes its entry when the last waiter on the instance goes.
pub struct Subscription<'a> {
    waiters: &'a Waiters,
    key: Key,
    /// The statuses committed after the subscription was made.
    pub statuses: watch::Receiver<i32>,
}

/// The value of a registry entry before any change: no status has this number.
const NO_STATUS: i32 = -1;

impl Waiters {
    /// Registers interest in an instance. Changes committed from now on are seen.
    pub fn subscribe(&self, hub: &Arc<str>, id: &str) -> Subscription<'_> {
        let key = (Arc::clone(hub), id.to_owned());
        let statuses = self
            .map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key.clone())
            .or_insert_with(|| watch::channel(NO_STATUS).0)
            .subscribe();
        Subscription {
            waiters: self,
            key,
            statuses,
        }
    }

    /// Tells everyone waiting on the instance its new status.
    pub fn notify(&self, hub: &Arc<str>, id: &str, status: i32) {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        // Cloning the key is the price of a tuple key; waits are rare next to commits.
        if map.is_empty() {
            return;
        }
        if let Some(sender) = map.get(&(Arc::clone(hub), id.to_owned())) {
            sender.send_replace(status);
        }
    }
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        let mut map = self.waiters.map.lock().unwrap_or_else(|e| e.into_inner());
        // Ours is the last receiver: nobody else waits on this instance.
        if map
            .get(&self.key)
            .is_some_and(|sender| sender.receiver_count() <= 1)
        {
            map.remove(&self.key);
        }
    }
}
