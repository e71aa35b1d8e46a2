//! Generates the instruction decoders from the pattern files in `isa/`.
//! A mistake in a pattern file fails the build with its file and line.

use std::path::Path;

/// (file, width in bits, decode function name)
const FILES: &[(&str, u32, &str)] = &[
    ("common.decode", 32, "decode_common"),
    ("a32.decode", 32, "decode_a32"),
    ("a32uncond.decode", 32, "decode_a32_uncond"),
    ("t16.decode", 16, "decode_t16"),
    ("t32.decode", 32, "decode_t32"),
    ("vfp.decode", 32, "decode_vfp"),
    ("neon-2reg.decode", 32, "decode_neon_2reg"),
    ("neon-3diff.decode", 32, "decode_neon_3diff"),
    ("neon-3same.decode", 32, "decode_neon_3same"),
    ("neon-ls.decode", 32, "decode_neon_ls_file"),
];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("isa");
    let mut sources = Vec::new();
    for &(file, width, decoder) in FILES {
        let path = dir.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        sources.push(decodetree::Source {
            path: format!("sim/isa/{file}"),
            text,
            width,
            decoder: decoder.to_string(),
        });
    }
    let cfg = decodetree::Config {
        ctx_type: "crate::decode::Ctx".to_string(),
        fields_module: "crate::decode::fields".to_string(),
    };
    match decodetree::generate(&sources, &cfg) {
        Ok(code) => {
            let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("decoders.rs");
            std::fs::write(out, code).expect("write generated decoders");
        }
        Err(e) => {
            // Cargo shows this line as the build error.
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
