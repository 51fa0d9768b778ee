//! Exact min-cost flow: the primal network simplex method.
//!
//! [`MinCostFlow`] takes a directed graph with integer capacities (at least 0) and
//! integer costs (of any sign), plus a supply (> 0) or demand (< 0) at each node, and
//! finds a flow that meets every supply and demand within the capacities at least
//! total cost. It is fully general: costs may be negative, and the graph may hold
//! negative-cost cycles (capacities are finite, so the optimum is always bounded),
//! parallel arcs and loops.
//!
//! # Why network simplex
//!
//! The networks we solve are the selection networks of [`crate::select`]: a source,
//! a few thousand buyers, about a thousand suppliers and a sink, with ~100,000 arcs
//! and a total flow of some tens of thousands. At that size the primal network
//! simplex with a block-search pivot rule is the fastest of the classical methods in
//! published comparisons (Kovács, *Minimum-cost flow algorithms: an experimental
//! evaluation*, 2015, where it beats cost scaling below a few hundred thousand arcs),
//! and it suits our shape: the spanning tree stays shallow on a four-layer network,
//! so pivots are cheap. It also works on integer costs and potentials only (no
//! scaling by the node count, no epsilon), handles negative costs with no
//! preprocessing and is deterministic by construction: no hashing, no randomness,
//! arcs are priced in a fixed order.
//!
//! The implementation follows the design of LEMON's `NetworkSimplex` (Kovács): a
//! strongly feasible spanning tree kept as parent/thread/reverse-thread lists with
//! subtree sizes and last successors, an artificial root joined to every node (big-M
//! start), the Cunningham leaving-arc rule (which rules out cycling), arcs stored in
//! an interleaved order, block search of about √m arcs, and a few heuristic
//! initial pivots along high-capacity paths.
//!
//! # Exactness
//!
//! All arithmetic is integral. The artificial arcs cost `M = (C + 1) · n`, where `C`
//! is the largest absolute arc cost and `n` the node count: a simple path has at
//! most `n − 1` arcs, so any flow using an artificial arc costs more than an
//! optimal feasible flow, and the problem is infeasible exactly when the optimum
//! still uses one. Node potentials are tree path lengths from the root, so they are
//! bounded by about `2M`; the solver runs on `i64` potentials when that bound
//! leaves room and on `i128` otherwise, so no input can overflow it. Flows stay
//! within `[0, capacity]`; the total supply must fit in an `i64`.

use std::fmt;
use std::ops::{Add, AddAssign, Mul, Neg, Sub};

/// A min-cost flow problem under construction; [`MinCostFlow::solve`] solves it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MinCostFlow {
    supply: Vec<i64>,
    tail: Vec<u32>,
    head: Vec<u32>,
    capacity: Vec<i64>,
    cost: Vec<i64>,
}

/// An optimal flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowSolution {
    /// Σ flow · cost over all arcs.
    pub cost: i128,
    /// The flow on each arc, by arc id.
    pub flows: Vec<i64>,
}

/// Why a problem has no optimal flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowError {
    /// The supplies do not sum to zero.
    Unbalanced,
    /// No flow meets every supply and demand within the capacities.
    Infeasible,
    /// This arc has a negative capacity.
    NegativeCapacity { arc: usize },
    /// The total supply does not fit in an `i64`, or the total cost in an `i128`.
    Overflow,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::Unbalanced => f.write_str("supplies and demands do not sum to zero"),
            FlowError::Infeasible => f.write_str("no flow meets the supplies and demands within the capacities"),
            FlowError::NegativeCapacity { arc } => write!(f, "arc {arc} has a negative capacity"),
            FlowError::Overflow => f.write_str("the total supply or the total cost overflows"),
        }
    }
}

impl std::error::Error for FlowError {}

impl MinCostFlow {
    /// A problem on nodes `0..nodes`, with no arcs and no supplies yet.
    ///
    /// # Panics
    /// If `nodes` does not fit in a `u32`.
    pub fn new(nodes: usize) -> Self {
        assert!(nodes < u32::MAX as usize, "too many nodes for the min-cost flow solver");
        Self { supply: vec![0; nodes], ..Self::default() }
    }

    /// Adds an arc and returns its id; ids are dense from 0, in the order of the calls.
    ///
    /// # Panics
    /// If `from` or `to` is not a node.
    pub fn add_arc(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        let nodes = self.supply.len();
        assert!(from < nodes && to < nodes, "arc ({from}, {to}) on a graph of {nodes} nodes");
        self.tail.push(from as u32);
        self.head.push(to as u32);
        self.capacity.push(capacity);
        self.cost.push(cost);
        self.tail.len() - 1
    }

    /// Sets the supply of a node: positive where flow enters the network, negative
    /// (a demand) where it leaves. Supplies must sum to zero.
    ///
    /// # Panics
    /// If `node` is not a node.
    pub fn set_supply(&mut self, node: usize, supply: i64) {
        self.supply[node] = supply;
    }

    pub fn node_count(&self) -> usize {
        self.supply.len()
    }

    pub fn arc_count(&self) -> usize {
        self.tail.len()
    }

    /// The supply of a node, as set.
    pub fn supply(&self, node: usize) -> i64 {
        self.supply[node]
    }

    /// An arc as added: `(from, to, capacity, cost)`.
    pub fn arc(&self, arc: usize) -> (usize, usize, i64, i64) {
        (self.tail[arc] as usize, self.head[arc] as usize, self.capacity[arc], self.cost[arc])
    }

    /// Finds a min-cost flow. The problem is left as it was, so it can be solved
    /// again (with the same answer) or changed and solved again.
    pub fn solve(&mut self) -> Result<FlowSolution, FlowError> {
        if let Some(arc) = self.capacity.iter().position(|&c| c < 0) {
            return Err(FlowError::NegativeCapacity { arc });
        }
        let sum: i128 = self.supply.iter().map(|&s| i128::from(s)).sum();
        if sum != 0 {
            return Err(FlowError::Unbalanced);
        }
        let total: i128 = self.supply.iter().filter(|&&s| s > 0).map(|&s| i128::from(s)).sum();
        if total >= i128::from(i64::MAX) {
            return Err(FlowError::Overflow);
        }
        let nodes = self.supply.len();
        if nodes == 0 {
            return Ok(FlowSolution { cost: 0, flows: Vec::new() });
        }

        // Potentials are bounded by about 2M; keep every intermediate within i64 when
        // the bound allows it, with a wide margin.
        let max_cost = self.cost.iter().map(|c| i128::from(c.unsigned_abs())).max().unwrap_or(0);
        let art_cost = (max_cost + 1) * nodes as i128;
        let bound = 8 * (art_cost + max_cost);
        let flows = if bound < i128::from(i64::MAX) {
            Simplex::<i64>::new(self, art_cost as i64).run(self)?
        } else {
            Simplex::<i128>::new(self, art_cost).run(self)?
        };

        let mut cost: i128 = 0;
        for (&flow, &arc_cost) in flows.iter().zip(&self.cost) {
            let term = i128::from(flow).checked_mul(i128::from(arc_cost)).ok_or(FlowError::Overflow)?;
            cost = cost.checked_add(term).ok_or(FlowError::Overflow)?;
        }
        Ok(FlowSolution { cost, flows })
    }
}

/// The number type of node potentials and reduced costs.
trait Potential:
    Copy + Ord + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self> + AddAssign + From<i64>
{
    const ZERO: Self;
}

impl Potential for i64 {
    const ZERO: Self = 0;
}

impl Potential for i128 {
    const ZERO: Self = 0;
}

const STATE_UPPER: i8 = -1;
const STATE_TREE: i8 = 0;
const STATE_LOWER: i8 = 1;

/// The tree arc of a node points from the node to its parent.
const DIR_UP: i8 = 1;
/// The tree arc of a node points from its parent to the node.
const DIR_DOWN: i8 = -1;

const NONE: usize = usize::MAX;

/// The working state of one run. Arcs `0..arc_num` are the problem's arcs in
/// interleaved order; arc `arc_num + u` is the artificial arc between node `u` and
/// the root (node `node_num`).
struct Simplex<P> {
    node_num: usize,
    arc_num: usize,
    /// Problem arc id → internal arc index.
    arc_index: Vec<usize>,

    source: Vec<u32>,
    target: Vec<u32>,
    /// Costs of the problem arcs (artificial arcs are never priced).
    cost: Vec<i64>,
    cap: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    pi: Vec<P>,

    parent: Vec<usize>,
    pred: Vec<usize>,
    pred_dir: Vec<i8>,
    thread: Vec<usize>,
    rev_thread: Vec<usize>,
    succ_num: Vec<usize>,
    last_succ: Vec<usize>,
    dirty_revs: Vec<usize>,

    // The current pivot.
    in_arc: usize,
    join: usize,
    u_in: usize,
    v_in: usize,
    u_out: usize,
    delta: i64,

    // Block search.
    block_size: usize,
    next_arc: usize,
}

impl<P: Potential> Simplex<P> {
    fn new(problem: &MinCostFlow, art_cost: P) -> Self {
        let node_num = problem.supply.len();
        let arc_num = problem.tail.len();
        let all_arc_num = arc_num + node_num;
        let root = node_num;

        // Interleave the arcs so a block of consecutive arcs spans the whole graph.
        let mut arc_index = vec![0; arc_num];
        if node_num > 1 {
            let skip = (arc_num / node_num).max(3);
            let (mut i, mut j) = (0, 0);
            for index in arc_index.iter_mut() {
                *index = i;
                i += skip;
                if i >= arc_num {
                    j += 1;
                    i = j;
                }
            }
        } else {
            for (a, index) in arc_index.iter_mut().enumerate() {
                *index = a;
            }
        }

        let mut source = vec![0u32; all_arc_num];
        let mut target = vec![0u32; all_arc_num];
        let mut cost = vec![0i64; arc_num];
        let mut cap = vec![0i64; all_arc_num];
        for (a, &i) in arc_index.iter().enumerate() {
            source[i] = problem.tail[a];
            target[i] = problem.head[a];
            cost[i] = problem.cost[a];
            cap[i] = problem.capacity[a];
        }
        let mut flow = vec![0i64; all_arc_num];
        let mut state = vec![STATE_LOWER; all_arc_num];
        let mut pi = vec![P::ZERO; node_num + 1];

        let mut parent = vec![NONE; node_num + 1];
        let mut pred = vec![NONE; node_num + 1];
        let mut pred_dir = vec![DIR_UP; node_num + 1];
        let mut thread = vec![0; node_num + 1];
        let mut rev_thread = vec![0; node_num + 1];
        let mut succ_num = vec![1; node_num + 1];
        let mut last_succ = vec![0; node_num + 1];

        // The root, then every node as its child through an artificial arc that
        // carries the node's supply: a strongly feasible starting tree.
        thread[root] = 0;
        rev_thread[0] = root;
        succ_num[root] = node_num + 1;
        last_succ[root] = root - 1;
        for u in 0..node_num {
            let e = arc_num + u;
            parent[u] = root;
            pred[u] = e;
            thread[u] = u + 1;
            rev_thread[u + 1] = u;
            succ_num[u] = 1;
            last_succ[u] = u;
            cap[e] = i64::MAX;
            state[e] = STATE_TREE;
            let supply = problem.supply[u];
            if supply >= 0 {
                pred_dir[u] = DIR_UP;
                pi[u] = P::ZERO;
                source[e] = u as u32;
                target[e] = root as u32;
                flow[e] = supply;
            } else {
                pred_dir[u] = DIR_DOWN;
                pi[u] = art_cost;
                source[e] = root as u32;
                target[e] = u as u32;
                flow[e] = -supply;
            }
        }

        let block_size = ((arc_num as f64).sqrt() as usize).max(10);
        Self {
            node_num,
            arc_num,
            arc_index,
            source,
            target,
            cost,
            cap,
            flow,
            state,
            pi,
            parent,
            pred,
            pred_dir,
            thread,
            rev_thread,
            succ_num,
            last_succ,
            dirty_revs: Vec::new(),
            in_arc: 0,
            join: 0,
            u_in: 0,
            v_in: 0,
            u_out: 0,
            delta: 0,
            block_size,
            next_arc: 0,
        }
    }

    /// Solves, and returns the flow on each problem arc by arc id.
    fn run(mut self, problem: &MinCostFlow) -> Result<Vec<i64>, FlowError> {
        self.initial_pivots(problem);
        while self.find_entering_arc() {
            self.pivot();
        }
        if self.flow[self.arc_num..].iter().any(|&f| f != 0) {
            return Err(FlowError::Infeasible);
        }
        Ok(self.arc_index.iter().map(|&i| self.flow[i]).collect())
    }

    fn pivot(&mut self) {
        self.find_join_node();
        let change = self.find_leaving_arc();
        self.change_flow(change);
        if change {
            self.update_tree_structure();
            self.update_potential();
        }
    }

    #[inline]
    fn reduced_cost(&self, e: usize) -> P {
        P::from(self.cost[e]) + self.pi[self.source[e] as usize] - self.pi[self.target[e] as usize]
    }

    /// Block search: price blocks of arcs in turn, starting where the last search
    /// stopped, and take the most violating arc of the first block that has one.
    fn find_entering_arc(&mut self) -> bool {
        let m = self.arc_num;
        let mut best = P::ZERO;
        let mut best_arc = NONE;
        let mut e = self.next_arc;
        let mut scanned = 0;
        while scanned < m {
            let len = self.block_size.min(m - scanned);
            let end = e + len;
            if end <= m {
                self.price(e, end, &mut best, &mut best_arc);
                e = if end == m { 0 } else { end };
            } else {
                self.price(e, m, &mut best, &mut best_arc);
                self.price(0, end - m, &mut best, &mut best_arc);
                e = end - m;
            }
            scanned += len;
            if best < P::ZERO {
                self.next_arc = e;
                self.in_arc = best_arc;
                return true;
            }
        }
        false
    }

    #[inline]
    fn price(&self, from: usize, to: usize, best: &mut P, best_arc: &mut usize) {
        let states = &self.state[from..to];
        let costs = &self.cost[from..to];
        let sources = &self.source[from..to];
        let targets = &self.target[from..to];
        for (k, (((&state, &cost), &s), &t)) in states.iter().zip(costs).zip(sources).zip(targets).enumerate() {
            if state == STATE_TREE {
                continue;
            }
            let reduced = P::from(cost) + self.pi[s as usize] - self.pi[t as usize];
            let violation = if state == STATE_LOWER { reduced } else { -reduced };
            if violation < *best {
                *best = violation;
                *best_arc = from + k;
            }
        }
    }

    fn find_join_node(&mut self) {
        let mut u = self.source[self.in_arc] as usize;
        let mut v = self.target[self.in_arc] as usize;
        while u != v {
            if self.succ_num[u] < self.succ_num[v] {
                u = self.parent[u];
            } else {
                v = self.parent[v];
            }
        }
        self.join = u;
    }

    /// Finds the leaving arc of the cycle closed by the entering arc (Cunningham's
    /// rule: the last blocking arc met going round the cycle from the join node), and
    /// says whether it differs from the entering arc.
    fn find_leaving_arc(&mut self) -> bool {
        let in_arc = self.in_arc;
        let (first, second) = if self.state[in_arc] == STATE_LOWER {
            (self.source[in_arc] as usize, self.target[in_arc] as usize)
        } else {
            (self.target[in_arc] as usize, self.source[in_arc] as usize)
        };
        let mut delta = self.cap[in_arc];
        let mut result = 0;

        let mut u = first;
        while u != self.join {
            let e = self.pred[u];
            let d = if self.pred_dir[u] == DIR_DOWN { self.cap[e] - self.flow[e] } else { self.flow[e] };
            if d < delta {
                delta = d;
                self.u_out = u;
                result = 1;
            }
            u = self.parent[u];
        }
        let mut u = second;
        while u != self.join {
            let e = self.pred[u];
            let d = if self.pred_dir[u] == DIR_UP { self.cap[e] - self.flow[e] } else { self.flow[e] };
            if d <= delta {
                delta = d;
                self.u_out = u;
                result = 2;
            }
            u = self.parent[u];
        }

        if result == 1 {
            self.u_in = first;
            self.v_in = second;
        } else {
            self.u_in = second;
            self.v_in = first;
        }
        self.delta = delta;
        result != 0
    }

    fn change_flow(&mut self, change: bool) {
        let in_arc = self.in_arc;
        if self.delta > 0 {
            let val = i64::from(self.state[in_arc]) * self.delta;
            self.flow[in_arc] += val;
            let mut u = self.source[in_arc] as usize;
            while u != self.join {
                self.flow[self.pred[u]] -= i64::from(self.pred_dir[u]) * val;
                u = self.parent[u];
            }
            let mut u = self.target[in_arc] as usize;
            while u != self.join {
                self.flow[self.pred[u]] += i64::from(self.pred_dir[u]) * val;
                u = self.parent[u];
            }
        }
        if change {
            self.state[in_arc] = STATE_TREE;
            let out = self.pred[self.u_out];
            self.state[out] = if self.flow[out] == 0 { STATE_LOWER } else { STATE_UPPER };
        } else {
            self.state[in_arc] = -self.state[in_arc];
        }
    }

    /// Replaces the leaving arc by the entering one in the tree: re-hangs the
    /// subtree cut off at `u_out` from `u_in` under `v_in`, reversing the stem
    /// between `u_in` and `u_out`, and updates the thread lists, subtree sizes and
    /// last successors.
    fn update_tree_structure(&mut self) {
        let (in_arc, join, u_in, v_in, u_out) = (self.in_arc, self.join, self.u_in, self.v_in, self.u_out);
        let old_rev_thread = self.rev_thread[u_out];
        let old_succ_num = self.succ_num[u_out];
        let old_last_succ = self.last_succ[u_out];
        let v_out = self.parent[u_out];
        let in_dir = if u_in == self.source[in_arc] as usize { DIR_UP } else { DIR_DOWN };

        if u_in == u_out {
            self.parent[u_in] = v_in;
            self.pred[u_in] = in_arc;
            self.pred_dir[u_in] = in_dir;
            if self.thread[v_in] != u_out {
                let after = self.thread[old_last_succ];
                self.thread[old_rev_thread] = after;
                self.rev_thread[after] = old_rev_thread;
                let after = self.thread[v_in];
                self.thread[v_in] = u_out;
                self.rev_thread[u_out] = v_in;
                self.thread[old_last_succ] = after;
                self.rev_thread[after] = old_last_succ;
            }
        } else {
            // When old_rev_thread is v_in (and so join is v_out), the thread goes on
            // after the moved subtree rather than after v_in.
            let thread_continue = if old_rev_thread == v_in { self.thread[old_last_succ] } else { self.thread[v_in] };

            // Walk the stem from u_in up to u_out, re-hanging each stem node under the
            // previous one and splicing its remaining subtree into the thread.
            let mut stem = u_in;
            let mut par_stem = v_in;
            let mut last = self.last_succ[u_in];
            let mut after = self.thread[last];
            self.thread[v_in] = u_in;
            self.dirty_revs.clear();
            self.dirty_revs.push(v_in);
            while stem != u_out {
                let next_stem = self.parent[stem];
                self.thread[last] = next_stem;
                self.dirty_revs.push(last);

                let before = self.rev_thread[stem];
                self.thread[before] = after;
                self.rev_thread[after] = before;

                self.parent[stem] = par_stem;
                par_stem = stem;
                stem = next_stem;

                last = if self.last_succ[stem] == self.last_succ[par_stem] {
                    self.rev_thread[par_stem]
                } else {
                    self.last_succ[stem]
                };
                after = self.thread[last];
            }
            self.parent[u_out] = par_stem;
            self.thread[last] = thread_continue;
            self.rev_thread[thread_continue] = last;
            self.last_succ[u_out] = last;

            if old_rev_thread != v_in {
                self.thread[old_rev_thread] = after;
                self.rev_thread[after] = old_rev_thread;
            }
            for &u in &self.dirty_revs {
                self.rev_thread[self.thread[u]] = u;
            }

            // Reverse pred, pred_dir along the stem; recompute its subtree sizes and
            // last successors.
            let mut tmp_sc = 0;
            let tmp_ls = self.last_succ[u_out];
            let mut u = u_out;
            while u != u_in {
                let p = self.parent[u];
                self.pred[u] = self.pred[p];
                self.pred_dir[u] = -self.pred_dir[p];
                tmp_sc += self.succ_num[u] - self.succ_num[p];
                self.succ_num[u] = tmp_sc;
                self.last_succ[p] = tmp_ls;
                u = p;
            }
            self.pred[u_in] = in_arc;
            self.pred_dir[u_in] = in_dir;
            self.succ_num[u_in] = old_succ_num;
        }

        // Last successors from v_in towards the root.
        let up_limit_out = if self.last_succ[join] == v_in { join } else { NONE };
        let last_succ_out = self.last_succ[u_out];
        let mut u = v_in;
        while u != NONE && self.last_succ[u] == v_in {
            self.last_succ[u] = last_succ_out;
            u = self.parent[u];
        }

        // Last successors from v_out towards the root.
        if join != old_rev_thread && v_in != old_rev_thread {
            let mut u = v_out;
            while u != up_limit_out && self.last_succ[u] == old_last_succ {
                self.last_succ[u] = old_rev_thread;
                u = self.parent[u];
            }
        } else if last_succ_out != old_last_succ {
            let mut u = v_out;
            while u != up_limit_out && self.last_succ[u] == old_last_succ {
                self.last_succ[u] = last_succ_out;
                u = self.parent[u];
            }
        }

        // Subtree sizes from v_in and from v_out up to the join node.
        let mut u = v_in;
        while u != join {
            self.succ_num[u] += old_succ_num;
            u = self.parent[u];
        }
        let mut u = v_out;
        while u != join {
            self.succ_num[u] -= old_succ_num;
            u = self.parent[u];
        }
    }

    /// Shifts the potentials of the moved subtree so the entering arc has reduced cost 0.
    fn update_potential(&mut self) {
        let (u_in, v_in) = (self.u_in, self.v_in);
        let sigma =
            self.pi[v_in] - self.pi[u_in] - P::from(i64::from(self.pred_dir[u_in])) * P::from(self.cost[self.in_arc]);
        let end = self.thread[self.last_succ[u_in]];
        let mut u = u_in;
        while u != end {
            self.pi[u] += sigma;
            u = self.thread[u];
        }
    }

    /// A few pivots chosen by a heuristic before the block search: with one supply
    /// and one demand node, the arcs of a search back from the demand node along arcs
    /// that can carry the whole supply (on the selection network, the bypass arc);
    /// otherwise the cheapest arc into each demand node.
    fn initial_pivots(&mut self, problem: &MinCostFlow) {
        let supply_nodes: Vec<usize> = (0..self.node_num).filter(|&u| problem.supply[u] > 0).collect();
        let demand_nodes: Vec<usize> = (0..self.node_num).filter(|&u| problem.supply[u] < 0).collect();
        let total: i64 = supply_nodes.iter().map(|&u| problem.supply[u]).sum();
        if total <= 0 {
            return;
        }

        // Incoming arcs of each node (internal indices, ascending), as a CSR list.
        let mut start = vec![0usize; self.node_num + 1];
        for &t in &self.target[..self.arc_num] {
            start[t as usize + 1] += 1;
        }
        for u in 0..self.node_num {
            start[u + 1] += start[u];
        }
        let mut fill = start.clone();
        let mut incoming = vec![0usize; self.arc_num];
        for e in 0..self.arc_num {
            let t = self.target[e] as usize;
            incoming[fill[t]] = e;
            fill[t] += 1;
        }

        let mut arcs = Vec::new();
        if let ([s], [t]) = (supply_nodes.as_slice(), demand_nodes.as_slice()) {
            let (s, t) = (*s, *t);
            let mut reached = vec![false; self.node_num];
            reached[t] = true;
            let mut stack = vec![t];
            while let Some(v) = stack.pop() {
                if v == s {
                    break;
                }
                for &e in &incoming[start[v]..start[v + 1]] {
                    let u = self.source[e] as usize;
                    if reached[u] || self.cap[e] < total {
                        continue;
                    }
                    arcs.push(e);
                    reached[u] = true;
                    stack.push(u);
                }
            }
        } else {
            for &v in &demand_nodes {
                let cheapest = incoming[start[v]..start[v + 1]].iter().copied().min_by_key(|&e| (self.cost[e], e));
                arcs.extend(cheapest);
            }
        }

        for e in arcs {
            let violation = P::from(i64::from(self.state[e])) * self.reduced_cost(e);
            if violation >= P::ZERO {
                continue;
            }
            self.in_arc = e;
            self.pivot();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small deterministic generator for test instances (SplitMix64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }

    type Arc = (usize, usize, i64, i64);

    fn build(nodes: usize, arcs: &[Arc], supply: &[i64]) -> MinCostFlow {
        let mut flow = MinCostFlow::new(nodes);
        for (i, &(u, v, cap, cost)) in arcs.iter().enumerate() {
            assert_eq!(flow.add_arc(u, v, cap, cost), i);
        }
        for (u, &s) in supply.iter().enumerate() {
            flow.set_supply(u, s);
        }
        flow
    }

    /// Checks that a solution is a flow meeting the supplies and costs what it says.
    fn check_solution(nodes: usize, arcs: &[Arc], supply: &[i64], solution: &FlowSolution) {
        assert_eq!(solution.flows.len(), arcs.len());
        let mut balance = vec![0i64; nodes];
        let mut cost = 0i128;
        for (&(u, v, cap, c), &f) in arcs.iter().zip(&solution.flows) {
            assert!((0..=cap).contains(&f), "flow {f} outside [0, {cap}]");
            balance[u] += f;
            balance[v] -= f;
            cost += i128::from(f) * i128::from(c);
        }
        assert_eq!(balance, supply, "flow conservation");
        assert_eq!(cost, solution.cost);
    }

    /// Successive shortest paths with Bellman-Ford, after saturating every
    /// negative-cost arc so the residual graph has no negative arcs. Exact on any
    /// input; slow. `None` when infeasible.
    fn reference(nodes: usize, arcs: &[Arc], supply: &[i64]) -> Option<i128> {
        // Residual arcs: 2a forward, 2a + 1 backward.
        let mut to = Vec::new();
        let mut residual = Vec::new();
        let mut cost = Vec::new();
        let mut excess = supply.to_vec();
        let mut total = 0i128;
        for &(u, v, cap, c) in arcs {
            let f = if c < 0 { cap } else { 0 };
            excess[u] -= f;
            excess[v] += f;
            total += i128::from(f) * i128::from(c);
            to.extend([v, u]);
            residual.extend([cap - f, f]);
            cost.extend([c, -c]);
        }
        let from: Vec<usize> = arcs.iter().flat_map(|&(u, v, _, _)| [u, v]).collect();
        loop {
            if excess.iter().all(|&e| e <= 0) {
                return excess.iter().all(|&e| e == 0).then_some(total);
            }
            // Bellman-Ford from every node with excess.
            let mut dist: Vec<Option<i128>> = excess.iter().map(|&e| (e > 0).then_some(0)).collect();
            let mut pred = vec![usize::MAX; nodes];
            for _ in 0..=nodes {
                let mut changed = false;
                for r in 0..to.len() {
                    if residual[r] == 0 {
                        continue;
                    }
                    if let Some(d) = dist[from[r]] {
                        let nd = d + i128::from(cost[r]);
                        if dist[to[r]].is_none_or(|old| nd < old) {
                            dist[to[r]] = Some(nd);
                            pred[to[r]] = r;
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            let target = (0..nodes).filter(|&v| excess[v] < 0 && dist[v].is_some()).min_by_key(|&v| dist[v])?;
            // Back along the shortest-path tree to the excess node it starts from.
            let mut amount = -excess[target];
            let mut v = target;
            while pred[v] != usize::MAX {
                amount = amount.min(residual[pred[v]]);
                v = from[pred[v]];
            }
            let origin = v;
            amount = amount.min(excess[origin]);
            let mut v = target;
            while v != origin {
                let r = pred[v];
                residual[r] -= amount;
                residual[r ^ 1] += amount;
                total += i128::from(amount) * i128::from(cost[r]);
                v = from[r];
            }
            excess[origin] -= amount;
            excess[target] += amount;
        }
    }

    /// The optimum by enumerating every integral flow (tiny graphs only).
    fn brute_force(nodes: usize, arcs: &[Arc], supply: &[i64]) -> Option<i128> {
        fn go(i: usize, arcs: &[Arc], balance: &mut Vec<i64>, supply: &[i64], cost: i128, best: &mut Option<i128>) {
            if i == arcs.len() {
                if balance == supply && best.is_none_or(|b| cost < b) {
                    *best = Some(cost);
                }
                return;
            }
            let (u, v, cap, c) = arcs[i];
            for f in 0..=cap {
                balance[u] += f;
                balance[v] -= f;
                go(i + 1, arcs, balance, supply, cost + i128::from(f) * i128::from(c), best);
                balance[u] -= f;
                balance[v] += f;
            }
        }
        let mut best = None;
        go(0, arcs, &mut vec![0; nodes], supply, 0, &mut best);
        best
    }

    fn random_instance(rng: &mut Rng, nodes: usize, arcs: usize, max_cap: i64, max_cost: i64) -> (Vec<Arc>, Vec<i64>) {
        let arcs: Vec<Arc> = (0..arcs)
            .map(|_| {
                (
                    rng.below(nodes as u64) as usize,
                    rng.below(nodes as u64) as usize,
                    rng.range(0, max_cap),
                    rng.range(-max_cost, max_cost),
                )
            })
            .collect();
        // Mostly feasible supplies (from a random flow), sometimes random ones.
        let mut supply = vec![0i64; nodes];
        if rng.below(4) == 0 {
            for _ in 0..nodes {
                let (u, v) = (rng.below(nodes as u64) as usize, rng.below(nodes as u64) as usize);
                let amount = rng.range(0, max_cap);
                supply[u] += amount;
                supply[v] -= amount;
            }
        } else {
            for &(u, v, cap, _) in &arcs {
                let f = rng.range(0, cap);
                supply[u] += f;
                supply[v] -= f;
            }
        }
        (arcs, supply)
    }

    fn solve(nodes: usize, arcs: &[Arc], supply: &[i64]) -> Result<FlowSolution, FlowError> {
        let result = build(nodes, arcs, supply).solve();
        if let Ok(solution) = &result {
            check_solution(nodes, arcs, supply, solution);
        }
        result
    }

    #[test]
    fn a_small_transport_problem() {
        // Two sources, two sinks.
        let arcs = [(0, 2, 5, 4), (0, 3, 5, 6), (1, 2, 5, 5), (1, 3, 5, 3)];
        let supply = [4, 5, -6, -3];
        let solution = solve(4, &arcs, &supply).unwrap();
        // 0→2: 4, 1→2: 2, 1→3: 3 costs 16 + 10 + 9.
        assert_eq!(solution.cost, 35);
        assert_eq!(solution.flows, vec![4, 0, 2, 3]);
    }

    #[test]
    fn negative_cycles_are_saturated() {
        let arcs = [(0, 1, 3, -5), (1, 2, 2, 1), (2, 0, 4, 1), (1, 0, 1, 0)];
        let solution = solve(3, &arcs, &[0, 0, 0]).unwrap();
        // The cycle 0→1→2→0 costs −3 per unit and carries 2; 0→1→0 costs −5 and carries 1.
        assert_eq!(solution.cost, -11);
        assert_eq!(solution.flows, vec![3, 2, 2, 1]);
    }

    #[test]
    fn negative_loops_are_saturated() {
        let solution = solve(2, &[(1, 1, 7, -2), (0, 0, 3, 5)], &[0, 0]).unwrap();
        assert_eq!(solution.flows, vec![7, 0]);
        assert_eq!(solution.cost, -14);
    }

    #[test]
    fn errors() {
        assert_eq!(solve(2, &[(0, 1, 5, 1)], &[3, -2]), Err(FlowError::Unbalanced));
        assert_eq!(solve(2, &[(0, 1, 2, 1)], &[3, -3]), Err(FlowError::Infeasible));
        assert_eq!(solve(3, &[(0, 1, 9, 1)], &[3, 0, -3]), Err(FlowError::Infeasible));
        assert_eq!(solve(2, &[(0, 1, 2, 1), (1, 0, -1, 1)], &[0, 0]), Err(FlowError::NegativeCapacity { arc: 1 }));
        assert_eq!(solve(2, &[], &[i64::MAX, -i64::MAX]), Err(FlowError::Overflow));
        assert_eq!(solve(0, &[], &[]), Ok(FlowSolution { cost: 0, flows: vec![] }));
        assert_eq!(FlowError::Infeasible.to_string(), "no flow meets the supplies and demands within the capacities");
    }

    #[test]
    fn huge_costs_use_wide_potentials() {
        let big = i64::MAX / 2;
        let arcs = [(0, 1, 2, big), (1, 2, 2, big), (0, 2, 1, big), (2, 0, 1, -big), (2, 0, 1, i64::MIN + 1)];
        let supply = [2, 0, -2];
        let solution = solve(3, &arcs, &supply).unwrap();
        assert_eq!(Some(solution.cost), reference(3, &arcs, &supply));
        assert_eq!(Some(solution.cost), brute_force(3, &arcs, &supply));
    }

    #[test]
    fn solving_twice_gives_the_same_answer() {
        let mut rng = Rng(7);
        let (arcs, supply) = random_instance(&mut rng, 30, 200, 8, 20);
        let mut problem = build(30, &arcs, &supply);
        assert_eq!(problem.solve(), problem.solve());
    }

    #[test]
    fn agrees_with_brute_force_on_tiny_graphs() {
        let mut rng = Rng(1);
        for _ in 0..3000 {
            let nodes = 1 + rng.below(5) as usize;
            let arc_count = rng.below(7) as usize;
            let (arcs, supply) = random_instance(&mut rng, nodes, arc_count, 3, 6);
            let expected = brute_force(nodes, &arcs, &supply);
            let got = solve(nodes, &arcs, &supply);
            assert_eq!(got.ok().map(|s| s.cost), expected, "{arcs:?} {supply:?}");
        }
    }

    #[test]
    fn agrees_with_successive_shortest_paths() {
        let mut rng = Rng(2);
        for round in 0..300 {
            let nodes = 2 + rng.below(if round < 200 { 20 } else { 60 }) as usize;
            let arc_count = rng.below(if round < 200 { 60 } else { 400 }) as usize;
            let (arcs, supply) = random_instance(&mut rng, nodes, arc_count, 10, 50);
            let expected = reference(nodes, &arcs, &supply);
            let got = solve(nodes, &arcs, &supply);
            assert_eq!(got.ok().map(|s| s.cost), expected, "round {round}");
        }
    }

    #[test]
    fn agrees_with_successive_shortest_paths_on_layered_networks() {
        // The shape of the selection network, small: tiers, unit arcs, a bypass.
        let mut rng = Rng(3);
        for _ in 0..100 {
            let (left, right) = (1 + rng.below(12) as usize, 1 + rng.below(12) as usize);
            let (s, t) = (0, left + right + 1);
            let mut arcs = Vec::new();
            let mut total = 0;
            for b in 1..=left {
                let (lo, hi) = (rng.range(0, 3), rng.range(0, 3));
                arcs.push((s, b, lo, -100));
                arcs.push((s, b, hi, 0));
                total += lo + hi;
            }
            for _ in 0..rng.below(60) {
                let b = 1 + rng.below(left as u64) as usize;
                let r = left + 1 + rng.below(right as u64) as usize;
                arcs.push((b, r, 1, -rng.range(1, 30)));
            }
            for r in left + 1..=left + right {
                arcs.push((r, t, rng.range(0, 3), -40));
                arcs.push((r, t, rng.range(0, 3), 0));
            }
            arcs.push((s, t, total, 0));
            let mut supply = vec![0; t + 1];
            supply[s] = total;
            supply[t] = -total;
            let expected = reference(t + 1, &arcs, &supply);
            assert!(expected.is_some());
            assert_eq!(solve(t + 1, &arcs, &supply).ok().map(|s| s.cost), expected);
        }
    }

    fn instance() -> impl Strategy<Value = (usize, Vec<Arc>, Vec<i64>)> {
        (1usize..8)
            .prop_flat_map(|nodes| {
                let arc = (0..nodes, 0..nodes, 0i64..6, -10i64..10);
                (Just(nodes), proptest::collection::vec(arc, 0..24), proptest::collection::vec(0i64..6, 0..24))
            })
            .prop_map(|(nodes, arcs, amounts)| {
                // Supplies from a flow on the arcs: feasible, with some unmet by cycles.
                let mut supply = vec![0i64; nodes];
                for (&(u, v, cap, _), &f) in arcs.iter().zip(&amounts) {
                    let f = f.min(cap);
                    supply[u] += f;
                    supply[v] -= f;
                }
                (nodes, arcs, supply)
            })
    }

    proptest! {
        #[test]
        fn proptest_optimal_and_valid((nodes, arcs, supply) in instance()) {
            let solution = solve(nodes, &arcs, &supply);
            let expected = reference(nodes, &arcs, &supply);
            prop_assert!(expected.is_some());
            prop_assert_eq!(solution.ok().map(|s| s.cost), expected);
        }

        #[test]
        fn proptest_infeasible_iff_reference_says_so(
            (nodes, arcs, _) in instance(),
            shift in proptest::collection::vec(-4i64..4, 8),
        ) {
            let mut supply: Vec<i64> = shift[..nodes].to_vec();
            let sum: i64 = supply.iter().sum();
            supply[0] -= sum;
            let expected = reference(nodes, &arcs, &supply);
            let got = solve(nodes, &arcs, &supply);
            match expected {
                Some(cost) => prop_assert_eq!(got.map(|s| s.cost), Ok(cost)),
                None => prop_assert_eq!(got, Err(FlowError::Infeasible)),
            }
        }
    }

    /// Timing on the shape of the selection network (print only):
    /// `cargo test --release -p fair-matchmaking -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing_bipartite_network() {
        let mut rng = Rng(11);
        let (buyers, suppliers) = (3000usize, 1000usize);
        let (s, t) = (0, buyers + suppliers + 1);
        let mut flow = MinCostFlow::new(t + 1);
        let mut total = 0;
        for b in 1..=buyers {
            flow.add_arc(s, b, 6, -10_000);
            flow.add_arc(s, b, 2, 0);
            total += 8;
        }
        for b in 1..=buyers {
            for _ in 0..33 {
                let r = buyers + 1 + rng.below(suppliers as u64) as usize;
                flow.add_arc(b, r, 1, -rng.range(1, 100));
            }
        }
        for r in buyers + 1..=buyers + suppliers {
            flow.add_arc(r, t, 10, -1_000);
            flow.add_arc(r, t, 20, 0);
        }
        flow.add_arc(s, t, total, 0);
        flow.set_supply(s, total);
        flow.set_supply(t, -total);
        let started = std::time::Instant::now();
        let solution = flow.solve().unwrap();
        let elapsed = started.elapsed();
        let shipped = total - solution.flows[flow.arc_count() - 1];
        println!(
            "min-cost flow: {} nodes, {} arcs, flow {shipped}, cost {}: {:.1} ms",
            flow.node_count(),
            flow.arc_count(),
            solution.cost,
            elapsed.as_secs_f64() * 1e3
        );
    }
}
