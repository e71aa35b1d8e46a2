//! Overlap checks between patterns.
//!
//! Outside `{}` (at top level and inside `[]`) no two members of a group
//! may match the same word; a member that is itself a group "matches" a
//! word when any pattern inside it does. Inside `{}` members may overlap
//! and the first one wins. Together these rules make "the first matching
//! pattern in file order" the meaning of every file that passes, which is
//! what `tree.rs` relies on.

use crate::error::Error;
use crate::model::{FileModel, Item};

pub(crate) fn check_overlaps(file: &FileModel) -> Result<(), Error> {
    check_items(file, &file.items, false)
}

fn collect(item: &Item, out: &mut Vec<usize>) {
    match item {
        Item::Pat(p) => out.push(*p),
        Item::Group { items, .. } => items.iter().for_each(|i| collect(i, out)),
    }
}

fn check_items(file: &FileModel, items: &[Item], overlap_allowed: bool) -> Result<(), Error> {
    if !overlap_allowed {
        let sets: Vec<Vec<usize>> = items
            .iter()
            .map(|i| {
                let mut v = Vec::new();
                collect(i, &mut v);
                v
            })
            .collect();
        for (i, earlier) in sets.iter().enumerate() {
            for later in &sets[i + 1..] {
                for &a in earlier {
                    for &b in later {
                        let (pa, pb) = (&file.patterns[a], &file.patterns[b]);
                        if pa.overlaps(pb) {
                            return Err(Error::Overlap {
                                path: file.path.clone(),
                                line: pb.line,
                                first: pa.name.clone(),
                                first_line: pa.line,
                                second: pb.name.clone(),
                                second_line: pb.line,
                            });
                        }
                    }
                }
            }
        }
    }
    for item in items {
        if let Item::Group { overlap, items, .. } = item {
            check_items(file, items, *overlap)?;
        }
    }
    Ok(())
}
