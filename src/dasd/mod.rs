//! Hercules CKD 3390 volume images: track format, VOL1, VTOC, physical
//! sequential and partitioned data sets, EBCDIC. Knows nothing of IMS.

pub mod ebcdic;
