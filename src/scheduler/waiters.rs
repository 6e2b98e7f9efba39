//! Wake-ups for `WaitForInstanceStart` / `WaitForInstanceCompletion`: a callback registry keyed
//! by instance, notified after each commit that changes the instance, so waiters never poll.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::Notify;

/// An instance: (task hub, instance id).
type Key = (Arc<str>, String);

/// Instances someone is waiting on.
#[derive(Default)]
pub struct Waiters {
    map: Mutex<HashMap<Key, Arc<Notify>>>,
}

/// A registration; removes its entry when the last waiter on the instance goes.
pub struct Subscription<'a> {
    waiters: &'a Waiters,
    key: Key,
    /// Notified when the instance changes.
    pub notify: Arc<Notify>,
}

impl Waiters {
    /// Registers interest in an instance.
    pub fn subscribe(&self, hub: &Arc<str>, id: &str) -> Subscription<'_> {
        let key = (Arc::clone(hub), id.to_owned());
        let notify = Arc::clone(
            self.map
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(key.clone())
                .or_default(),
        );
        Subscription {
            waiters: self,
            key,
            notify,
        }
    }

    /// Wakes everyone waiting on the instance.
    pub fn notify(&self, hub: &Arc<str>, id: &str) {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        // Cloning the key is the price of a tuple key; waits are rare next to commits.
        if map.is_empty() {
            return;
        }
        if let Some(notify) = map.get(&(Arc::clone(hub), id.to_owned())) {
            notify.notify_waiters();
        }
    }
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        let mut map = self.waiters.map.lock().unwrap_or_else(|e| e.into_inner());
        // Two references: the map's and ours. Then nobody else waits on this instance.
        if Arc::strong_count(&self.notify) <= 2 {
            map.remove(&self.key);
        }
    }
}
