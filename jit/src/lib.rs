//! Cranelift translation of ARM blocks. Not built yet: the Cranelift tier is issue 4.
