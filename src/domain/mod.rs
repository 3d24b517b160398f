//! The domain core: the model, loading, the graph and the queries on it. No terminal code here.

pub mod audit;
pub mod benchmark;
pub mod condition;
pub mod ctdl;
pub mod diff;
pub mod graph;
pub mod keys;
pub mod layout;
pub mod learner;
pub mod level;
pub mod load;
pub mod model;
pub mod plan;
pub mod route;
pub mod search;
pub mod shipped;
pub mod synthetic;
pub mod wages;
