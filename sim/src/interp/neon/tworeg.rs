//! Placeholder for the tworeg group (issue 3, in progress).
