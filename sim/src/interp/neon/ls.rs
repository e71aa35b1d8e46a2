//! Placeholder for the ls group (issue 3, in progress).
