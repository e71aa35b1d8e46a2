//! The decision tree a decoder is made of, as data.
//!
//! Once `check.rs` has passed, a file means "the first pattern, in file
//! order, whose fixed bits match". The tree computes exactly that but
//! switches on groups of bits instead of testing patterns one by one. The
//! emitter prints this tree node for node, and the tests evaluate it
//! (`eval`) against a linear scan, so the logic that is tested is the
//! logic that is emitted.
//!
//! Construction: the pattern list (file order) is cut into maximal runs of
//! consecutive patterns that all fix at least one common, not yet tested
//! bit. Each run becomes a `Switch` on those common bits; each arm holds
//! the run's patterns with that value (file order kept) and is built the
//! same way, with the switched bits now known. Runs are tried in order.
//! No pattern is ever duplicated, so code size stays linear. Inside a
//! `{}` group whose specific patterns are followed by a catch-all, the
//! catch-all ends up as an unconditional leaf after the specific ones.

/// A decision node; evaluating it yields the index of the matching
/// pattern, or `None` to let the enclosing `Seq` try its next node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Matches if `insn & mask == value`; `mask` only has the bits not
    /// already tested by enclosing switches (0 = always matches).
    Leaf { pat: usize, mask: u32, value: u32 },
    /// Try each node in order; the first `Some` wins.
    Seq(Vec<Node>),
    /// Go to the arm whose value equals `insn & mask`, if any. There is no
    /// default: a word with no arm (or whose arm fails) falls through.
    Switch { mask: u32, arms: Vec<(u32, Node)> },
}

impl Node {
    /// Always yields `Some`: code after this node would be unreachable.
    pub fn is_total(&self) -> bool {
        match self {
            Node::Leaf { mask, .. } => *mask == 0,
            Node::Seq(nodes) => nodes.last().is_some_and(Node::is_total),
            Node::Switch { .. } => false,
        }
    }

    /// What the emitted code does for `insn`.
    #[cfg(test)]
    pub fn eval(&self, insn: u32) -> Option<usize> {
        match self {
            Node::Leaf { pat, mask, value } => (insn & mask == *value).then_some(*pat),
            Node::Seq(nodes) => nodes.iter().find_map(|n| n.eval(insn)),
            Node::Switch { mask, arms } => arms
                .iter()
                .find(|(v, _)| *v == insn & mask)
                .and_then(|(_, n)| n.eval(insn)),
        }
    }
}

/// Builds the tree for patterns given as `(mask, value)` in file order.
pub(crate) fn build(pats: &[(u32, u32)]) -> Node {
    let all: Vec<usize> = (0..pats.len()).collect();
    build_list(pats, &all, 0)
}

/// `list`: indices into `pats`, in file order. `known`: bits already
/// tested (and equal to every listed pattern's value there).
fn build_list(pats: &[(u32, u32)], list: &[usize], known: u32) -> Node {
    let rem = |p: usize| pats[p].0 & !known;
    let mut nodes = Vec::new();
    let mut i = 0;
    while i < list.len() {
        if rem(list[i]) == 0 {
            // Matches every word that gets here; anything after it in
            // this list can never be chosen.
            nodes.push(leaf(pats, list[i], known));
            break;
        }
        let mut common = rem(list[i]);
        let mut j = i + 1;
        while j < list.len() && common & rem(list[j]) != 0 {
            common &= rem(list[j]);
            j += 1;
        }
        nodes.push(build_run(pats, &list[i..j], known, common));
        i = j;
    }
    if nodes.len() == 1 {
        nodes.pop().unwrap_or(Node::Seq(Vec::new()))
    } else {
        Node::Seq(nodes)
    }
}

fn leaf(pats: &[(u32, u32)], p: usize, known: u32) -> Node {
    let mask = pats[p].0 & !known;
    Node::Leaf {
        pat: p,
        mask,
        value: pats[p].1 & mask,
    }
}

/// `run`: every pattern fixes all bits of `common` (non-zero).
fn build_run(pats: &[(u32, u32)], run: &[usize], known: u32, common: u32) -> Node {
    if let [only] = run {
        return leaf(pats, *only, known);
    }
    // Arms sorted by value for stable, readable output; each arm keeps
    // file order.
    let mut arms: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for &p in run {
        arms.entry(pats[p].1 & common).or_default().push(p);
    }
    Node::Switch {
        mask: common,
        arms: arms
            .into_iter()
            .map(|(v, list)| (v, build_list(pats, &list, known | common)))
            .collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Tiny deterministic PRNG (xorshift64*), so tests need no crates.
    pub(crate) struct Rng(pub u64);
    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        pub fn u32(&mut self) -> u32 {
            (self.next() >> 32) as u32
        }
    }

    fn linear(pats: &[(u32, u32)], insn: u32) -> Option<usize> {
        pats.iter().position(|&(m, v)| insn & m == v)
    }

    #[test]
    fn matches_linear_scan_on_random_pattern_lists() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for round in 0..400 {
            // 10-bit words, so every word can be checked.
            let n = 1 + (rng.next() % 24) as usize;
            let pats: Vec<(u32, u32)> = (0..n)
                .map(|_| {
                    // Bias towards shared high bits, like real encodings.
                    let mut m = rng.u32() & 0x3ff;
                    if round & 1 == 0 {
                        m |= 0x300;
                    }
                    if rng.next() & 7 == 0 {
                        m &= rng.u32();
                    }
                    (m, rng.u32() & m)
                })
                .collect();
            let tree = build(&pats);
            for insn in 0..1024 {
                assert_eq!(
                    tree.eval(insn),
                    linear(&pats, insn),
                    "round {round} insn {insn:#x} pats {pats:?}\n{tree:#?}"
                );
            }
        }
    }

    #[test]
    fn switches_on_common_bits() {
        let pats = [(0xf0, 0x10), (0xf0, 0x20), (0xff, 0x31), (0xff, 0x32)];
        let tree = build(&pats);
        match &tree {
            Node::Switch { mask, arms } => {
                assert_eq!(*mask, 0xf0);
                assert_eq!(arms.len(), 3);
                assert_eq!(
                    arms[2].1,
                    Node::Switch {
                        mask: 0x0f,
                        arms: vec![
                            (
                                1,
                                Node::Leaf {
                                    pat: 2,
                                    mask: 0,
                                    value: 0
                                }
                            ),
                            (
                                2,
                                Node::Leaf {
                                    pat: 3,
                                    mask: 0,
                                    value: 0
                                }
                            )
                        ]
                    }
                );
            }
            other => panic!("expected a switch, got {other:?}"),
        }
    }

    #[test]
    fn catch_all_after_specific_patterns() {
        // { SPECIFIC 0001 ; CATCHALL 00.. } in an 4-bit world.
        let pats = [(0xf, 0x1), (0xc, 0x0)];
        let tree = build(&pats);
        assert_eq!(tree.eval(0x1), Some(0));
        assert_eq!(tree.eval(0x2), Some(1));
        assert_eq!(tree.eval(0x4), None);
        // After switching on 0xc the catch-all needs no further test.
        match &tree {
            Node::Switch { arms, .. } => assert!(arms[0].1.is_total()),
            other => panic!("expected a switch, got {other:?}"),
        }
    }

    #[test]
    fn empty_and_total() {
        assert_eq!(build(&[]).eval(0), None);
        let t = build(&[(0, 0), (1, 1)]);
        assert!(t.is_total());
        assert_eq!(t.eval(1), Some(0));
    }
}
