//! Search as you type without making the screen wait: queries go to a worker thread, which
//! skips queries that were overtaken by newer ones (checking between chunks of stages) and sends
//! back the best hits. Every query scores every stage: a typo-forgiving match of "nurse" is not
//! always one of "nurs", so the previous query's matches cannot be narrowed.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use petgraph::graph::NodeIndex;

use crate::domain::graph::Pathways;
use crate::domain::search::{Hit, Query, Scorer, Searcher, nothing_found, sort_hits};

/// How many hits a response carries: more than any screen shows.
pub const MAX_HITS: usize = 500;
/// Candidates scored between checks for a newer query.
const CHUNK: usize = 4096;

/// The answer to one query.
#[derive(Debug, Clone)]
pub struct Response {
    pub seq: u64,
    pub query: String,
    pub hits: Vec<Hit>,
    /// How many stages matched in all (`hits` holds the best of them).
    pub total: usize,
    /// When none did, what to say (`search::nothing_found`), worked out here, not in a frame.
    pub nothing: Option<String>,
}

/// The UI's handle on the worker.
pub struct SearchWorker {
    requests: Sender<(u64, String)>,
    responses: Receiver<Response>,
    seq: u64,
}

impl SearchWorker {
    pub fn start(pathways: Arc<Pathways>) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<(u64, String)>();
        let (outbox, responses) = mpsc::channel();
        thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&pathways, &inbox, &outbox))
            .map_or_else(
                |_| SearchWorker::unavailable(),
                |_| SearchWorker {
                    requests,
                    responses,
                    seq: 0,
                },
            )
    }

    /// A worker whose thread could not start: every query comes back empty at once.
    fn unavailable() -> SearchWorker {
        let (requests, _) = mpsc::channel();
        let (_, responses) = mpsc::channel();
        SearchWorker {
            requests,
            responses,
            seq: 0,
        }
    }

    /// Sends a query; returns its sequence number.
    pub fn ask(&mut self, query: &str) -> u64 {
        self.seq += 1;
        let _ = self.requests.send((self.seq, query.to_string()));
        self.seq
    }

    /// The newest response waiting, if any, without blocking.
    pub fn poll(&self) -> Option<Response> {
        let mut latest = None;
        while let Ok(r) = self.responses.try_recv() {
            latest = Some(r);
        }
        latest
    }

    /// Blocks until the response to `seq` (or a later one) arrives; `None` if the worker is gone.
    pub fn wait(&self, seq: u64) -> Option<Response> {
        loop {
            let r = self.responses.recv().ok()?;
            if r.seq >= seq {
                return Some(r);
            }
        }
    }
}

fn serve(pathways: &Pathways, inbox: &Receiver<(u64, String)>, outbox: &Sender<Response>) {
    let searcher = Searcher::default();
    let nodes: Vec<NodeIndex> = pathways.stages().map(|(n, _)| n).collect();
    // Read every stage's words now, before the first keystroke waits for it.
    pathways.search_index();
    let mut next = inbox.recv().ok();
    while let Some(mut request) = next.take() {
        // Only the newest query matters.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let (seq, text) = request;
        let query = Query::new(&text);
        let scorer = Scorer::new(pathways, &query);
        let fuzzy = searcher.fuzzy(&query);
        let mut hits = Vec::new();
        let mut overtaken = None;
        // Word matches first; close fuzzy ones only when no word matches.
        let tiers: [&dyn Fn(NodeIndex) -> Option<Hit>; 2] = [&|n| scorer.score(n, pathways.stage(n)), &|n| {
            fuzzy.hit(n, pathways.stage(n))
        }];
        for tier in tiers {
            if query.is_empty() || !hits.is_empty() || overtaken.is_some() {
                break;
            }
            for chunk in nodes.chunks(CHUNK) {
                match inbox.try_recv() {
                    Ok(newer) => {
                        overtaken = Some(newer);
                        break;
                    }
                    Err(TryRecvError::Disconnected) => return,
                    Err(TryRecvError::Empty) => {}
                }
                hits.extend(chunk.iter().filter_map(|&n| tier(n)));
            }
        }
        if let Some(newer) = overtaken {
            next = Some(newer);
            continue;
        }
        let total = hits.len();
        let nothing = (total == 0 && !query.is_empty()).then(|| nothing_found(pathways, &text));
        sort_hits(pathways, &mut hits);
        hits.truncate(MAX_HITS);
        if outbox
            .send(Response {
                seq,
                query: text,
                hits,
                total,
                nothing,
            })
            .is_err()
        {
            return;
        }
        next = inbox.recv().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::{Input, Origin, load};
    use crate::domain::synthetic::generate;

    fn pathways(n: usize) -> Arc<Pathways> {
        let input = Input {
            name: "g.json".into(),
            bytes: generate(n, 3).into_bytes(),
            origin: Origin::User,
        };
        Arc::new(load(&[input]).expect("loads").pathways)
    }

    #[test]
    fn the_worker_gives_the_same_hits_as_a_search() {
        let p = pathways(2_000);
        let mut worker = SearchWorker::start(Arc::clone(&p));
        for query in [
            "n",
            "nu",
            "nur",
            "nurs",
            "nursing as",
            "nurce",
            "w",
            "we",
            "xqzv",
            "nrsng",
        ] {
            let seq = worker.ask(query);
            let got = worker.wait(seq).expect("answer");
            assert_eq!(got.query, query);
            let fresh = Searcher::default().search(&p, query, MAX_HITS);
            assert_eq!(got.hits, fresh, "{query}");
        }
    }

    #[test]
    fn overtaken_queries_are_skipped_and_the_newest_is_answered() {
        let p = pathways(3_000);
        let mut worker = SearchWorker::start(p);
        for q in ["a", "as", "ass", "assi"] {
            worker.ask(q);
        }
        let last = worker.ask("assis");
        let got = worker.wait(last).expect("answer");
        assert_eq!(got.seq, last);
        assert_eq!(got.query, "assis");
    }
}
