//! Bytes that serialize as a hex string: a snapshot's disk sectors and
//! backend answers stay compact and readable in its JSON.

use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hex(pub Vec<u8>);

impl Serialize for Hex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(self.0.len() * 2);
        for &b in &self.0 {
            out.push(DIGITS[(b >> 4) as usize] as char);
            out.push(DIGITS[(b & 15) as usize] as char);
        }
        s.serialize_str(&out)
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let digit = |c: u8| match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(D::Error::custom("not a hex digit")),
        };
        let s = s.as_bytes();
        if s.len() % 2 != 0 {
            return Err(D::Error::custom("odd number of hex digits"));
        }
        s.chunks_exact(2)
            .map(|p| Ok(digit(p[0])? << 4 | digit(p[1])?))
            .collect::<Result<_, _>>()
            .map(Hex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bad_digits() {
        let h = Hex(vec![0, 0x7f, 0xff, 0x10]);
        let s = serde_json::to_string(&h).unwrap();
        assert_eq!(s, "\"007fff10\"");
        assert_eq!(serde_json::from_str::<Hex>(&s).unwrap(), h);
        assert!(serde_json::from_str::<Hex>("\"0g\"").is_err());
        assert!(serde_json::from_str::<Hex>("\"abc\"").is_err());
    }
}
