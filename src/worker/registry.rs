//! [`Registry`]: the orchestrators and activities a worker hosts, by name, each wrapped so that
//! it takes and returns wire payloads (JSON text) whatever its own serde types are.

use std::{collections::BTreeMap, fmt, future::Future, pin::Pin, sync::Arc};

use serde::{Serialize, de::DeserializeOwned};

use super::{
    activity::ActivityContext,
    context::OrchestrationContext,
    failure::TaskError,
    payload::{decode, encode},
};

/// The future of one orchestration run: it lives inside one episode on one thread.
pub(crate) type OrchestrationFuture = Pin<Box<dyn Future<Output = PayloadResult>>>;
/// The future of one activity run, on the worker's runtime.
pub(crate) type ActivityFuture = Pin<Box<dyn Future<Output = PayloadResult> + Send>>;
/// A run's output payload (absent for null) or its failure.
pub(crate) type PayloadResult = Result<Option<String>, TaskError>;

type OrchestratorFn =
    dyn Fn(OrchestrationContext, Option<&str>) -> OrchestrationFuture + Send + Sync;
type ActivityFn = dyn Fn(ActivityContext, Option<String>) -> ActivityFuture + Send + Sync;

/// Orchestrators and activities by name.
#[derive(Clone, Default)]
pub struct Registry {
    orchestrators: BTreeMap<String, Arc<OrchestratorFn>>,
    activities: BTreeMap<String, Arc<ActivityFn>>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field(
                "orchestrators",
                &self.orchestrators.keys().collect::<Vec<_>>(),
            )
            .field("activities", &self.activities.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Registry {
    /// Registers the orchestrator `name`: an async function of the context and its input.
    /// An error it returns (or a panic) fails the orchestration.
    pub fn add_orchestrator<I, O, E, F, Fut>(&mut self, name: &str, function: F)
    where
        I: DeserializeOwned + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(OrchestrationContext, I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + 'static,
    {
        let wrapped =
            move |ctx: OrchestrationContext, input: Option<&str>| -> OrchestrationFuture {
                match decode::<I>(input, "orchestration input") {
                    Ok(input) => {
                        let run = function(ctx, input);
                        Box::pin(async move { encode(&run.await.map_err(Into::into)?) })
                    }
                    Err(err) => Box::pin(std::future::ready(Err(err))),
                }
            };
        self.orchestrators
            .insert(name.to_owned(), Arc::new(wrapped));
    }

    /// Registers the activity `name`: an async function of its context and input, run on the
    /// worker's runtime. An error it returns (or a panic) fails the activity.
    pub fn add_activity<I, O, E, F, Fut>(&mut self, name: &str, function: F)
    where
        I: DeserializeOwned + Send + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(ActivityContext, I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
    {
        let function = Arc::new(function);
        let wrapped = move |ctx: ActivityContext, input: Option<String>| -> ActivityFuture {
            let function = Arc::clone(&function);
            Box::pin(async move {
                let input = decode::<I>(input.as_deref(), "activity input")?;
                encode(&function(ctx, input).await.map_err(Into::into)?)
            })
        };
        self.activities.insert(name.to_owned(), Arc::new(wrapped));
    }

    /// Registers the activity `name` as a blocking function, run on a thread of the blocking
    /// pool so that it never stalls the worker's async threads.
    pub fn add_blocking_activity<I, O, E, F>(&mut self, name: &str, function: F)
    where
        I: DeserializeOwned + Send + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(ActivityContext, I) -> Result<O, E> + Send + Sync + 'static,
    {
        let function = Arc::new(function);
        let wrapped = move |ctx: ActivityContext, input: Option<String>| -> ActivityFuture {
            let function = Arc::clone(&function);
            let run = move || {
                let input = decode::<I>(input.as_deref(), "activity input")?;
                encode(&function(ctx, input).map_err(Into::into)?)
            };
            Box::pin(async move {
                match tokio::task::spawn_blocking(run).await {
                    Ok(outcome) => outcome,
                    Err(err) if err.is_panic() => Err(TaskError::panic(&*err.into_panic())),
                    Err(err) => Err(TaskError::msg(format!("the activity was stopped: {err}"))),
                }
            })
        };
        self.activities.insert(name.to_owned(), Arc::new(wrapped));
    }

    /// Whether nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.orchestrators.is_empty() && self.activities.is_empty()
    }

    pub(crate) fn orchestrator(&self, name: &str) -> Option<&Arc<OrchestratorFn>> {
        self.orchestrators.get(name)
    }

    pub(crate) fn activity(&self, name: &str) -> Option<&Arc<ActivityFn>> {
        self.activities.get(name)
    }

    /// The registered orchestrator names, comma-separated ("none" when there are none).
    pub fn orchestrator_names(&self) -> String {
        names(self.orchestrators.keys())
    }

    /// The registered activity names, comma-separated ("none" when there are none).
    pub fn activity_names(&self) -> String {
        names(self.activities.keys())
    }
}

fn names<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<&str> = keys.map(String::as_str).collect();
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    }
}
