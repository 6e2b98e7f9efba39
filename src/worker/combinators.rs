//! Durable combinators: [`when_all`] waits for every task, [`when_any`] and [`race`] for the
//! first (a timer racing an event is the classic timeout). The replay engine resolves one
//! history event at a time and polls after each, so "first" means first in history, the same
//! on every replay.

use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

/// Waits for every future and returns their outputs in the order given.
pub fn when_all<F: Future>(futures: impl IntoIterator<Item = F>) -> WhenAll<F> {
    let futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    WhenAll {
        outputs: futures.iter().map(|_| None).collect(),
        futures: futures.into_iter().map(Some).collect(),
    }
}

/// Waits for the first future to finish and returns its index and output; the others are
/// dropped (an unanswered event wait stops, scheduled work still runs).
pub fn when_any<F: Future>(futures: impl IntoIterator<Item = F>) -> WhenAny<F> {
    WhenAny {
        futures: futures.into_iter().map(Box::pin).collect(),
    }
}

/// Waits for the first of two futures of different types.
pub fn race<A: Future, B: Future>(first: A, second: B) -> Race<A, B> {
    Race {
        first: Box::pin(first),
        second: Box::pin(second),
    }
}

/// Which of two raced futures finished first, with its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Either<A, B> {
    /// The first one.
    First(A),
    /// The second one.
    Second(B),
}

/// The future of [`when_all`].
#[must_use = "futures do nothing unless awaited"]
pub struct WhenAll<F: Future> {
    futures: Vec<Option<Pin<Box<F>>>>,
    outputs: Vec<Option<F::Output>>,
}

// The futures are boxed and the outputs are never pinned: moving the combinator is harmless.
impl<F: Future> Unpin for WhenAll<F> {}

impl<F: Future> Future for WhenAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        for (slot, output) in this.futures.iter_mut().zip(this.outputs.iter_mut()) {
            if let Some(future) = slot
                && let Poll::Ready(value) = future.as_mut().poll(cx)
            {
                *output = Some(value);
                *slot = None;
            }
        }
        if this.futures.iter().any(Option::is_some) {
            return Poll::Pending;
        }
        Poll::Ready(this.outputs.iter_mut().filter_map(Option::take).collect())
    }
}

/// The future of [`when_any`].
#[must_use = "futures do nothing unless awaited"]
pub struct WhenAny<F: Future> {
    futures: Vec<Pin<Box<F>>>,
}

impl<F: Future> Future for WhenAny<F> {
    type Output = (usize, F::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let first = this
            .futures
            .iter_mut()
            .enumerate()
            .find_map(|(index, future)| match future.as_mut().poll(cx) {
                Poll::Ready(value) => Some((index, value)),
                Poll::Pending => None,
            });
        match first {
            Some(first) => {
                // The losers are dropped now, while the engine is not looking at the state.
                this.futures.clear();
                Poll::Ready(first)
            }
            None => Poll::Pending,
        }
    }
}

/// The future of [`race`].
#[must_use = "futures do nothing unless awaited"]
pub struct Race<A: Future, B: Future> {
    first: Pin<Box<A>>,
    second: Pin<Box<B>>,
}

impl<A: Future, B: Future> Future for Race<A, B> {
    type Output = Either<A::Output, B::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Poll::Ready(value) = this.first.as_mut().poll(cx) {
            return Poll::Ready(Either::First(value));
        }
        this.second.as_mut().poll(cx).map(Either::Second)
    }
}
