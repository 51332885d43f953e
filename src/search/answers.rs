//! The answers to the newest requests, kept for a server whose users ask the same things (the first
//! page of a person, the facets of a popular query): an identical request on the same commit is
//! answered from memory.
//!
//! Answers belong to one commit (the key of its search tables): when a search sees another commit
//! the cache empties, so an answer is never older than the index. It holds at most its capacity
//! of answers ([`CAPACITY`] unless the server is told otherwise) and forgets the oldest first.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// Most answers a server keeps by default, for each kind of request.
pub const CAPACITY: usize = 256;

/// Answers of type `A` to requests of type `R`, for one commit at a time; none are kept until
/// [`Answers::keep`] is called.
pub struct Answers<R, A> {
    /// Most answers kept; 0 keeps none.
    capacity: usize,
    inner: Mutex<Inner<R, A>>,
}

struct Inner<R, A> {
    /// The commit the answers belong to.
    key: u64,
    answers: HashMap<R, Arc<A>>,
    /// Requests, oldest first.
    order: VecDeque<R>,
}

impl<R: Clone + Eq + Hash, A> Default for Answers<R, A> {
    fn default() -> Self {
        Answers {
            capacity: 0,
            inner: Mutex::new(Inner {
                key: 0,
                answers: HashMap::new(),
                order: VecDeque::new(),
            }),
        }
    }
}

impl<R: Clone + Eq + Hash, A> Answers<R, A> {
    /// Keeps up to `capacity` answers from now on (0: none).
    pub fn keep(&mut self, capacity: usize) {
        self.capacity = capacity;
    }

    /// The answer to `request` on the commit `key`: the one kept, or else `compute`'s, which is then
    /// kept (an error is not); while no answers are kept ([`Answers::keep`]), always `compute`'s.
    pub fn answer<E>(
        &self,
        key: u64,
        request: &R,
        compute: impl FnOnce() -> Result<A, E>,
    ) -> Result<A, E>
    where
        A: Clone,
    {
        if self.capacity == 0 {
            return compute();
        }
        if let Some(kept) = self.get(key, request) {
            return Ok(A::clone(&kept));
        }
        let answer = compute()?;
        self.put(key, request, Arc::new(answer.clone()));
        Ok(answer)
    }

    /// The answer to `request` on the commit `key`, if it is kept.
    pub fn get(&self, key: u64, request: &R) -> Option<Arc<A>> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.key != key {
            return None;
        }
        inner.answers.get(request).cloned()
    }

    /// Keeps `answer` to `request` on the commit `key`, forgetting the answers of other commits and
    /// the oldest answer when full.
    pub fn put(&self, key: u64, request: &R, answer: Arc<A>) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.key != key {
            inner.key = key;
            inner.answers.clear();
            inner.order.clear();
        }
        if inner.answers.insert(request.clone(), answer).is_none() {
            inner.order.push_back(request.clone());
        }
        while inner.order.len() > self.capacity {
            if let Some(oldest) = inner.order.pop_front() {
                inner.answers.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_belong_to_one_commit_and_the_oldest_go_first() {
        let mut cache: Answers<u32, &str> = Answers::default();
        assert_eq!(
            cache.answer(1, &7, || Ok::<_, ()>("computed")),
            Ok("computed")
        );
        assert!(cache.get(1, &7).is_none(), "nothing kept before keep");
        cache.keep(CAPACITY);
        cache.put(1, &7, Arc::new("seven"));
        assert_eq!(cache.get(1, &7).as_deref(), Some(&"seven"));
        assert!(cache.get(2, &7).is_none(), "another commit");
        cache.put(2, &8, Arc::new("eight"));
        assert!(
            cache.get(1, &7).is_none(),
            "the older commit's answers are gone"
        );
        for i in 0..CAPACITY as u32 + 1 {
            cache.put(2, &(100 + i), Arc::new("n"));
        }
        assert!(cache.get(2, &8).is_none(), "the oldest is forgotten");
        assert!(cache.get(2, &100).is_none());
        assert!(cache.get(2, &101).is_some());
    }
}
