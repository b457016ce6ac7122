//! `farm generate`: a large deterministic synthetic farm for scale work.
//! It is described as a sample (in memory) and built by the same
//! materializer as the shipped samples, so it exercises the same code.
//!
//! Shape: one system volume `SYN000` (master catalog, user catalog
//! `UCAT.SYNP`, PROCLIB, user JCL, RECONs) and `volumes - 1` data volumes
//! `SYN001`.. in storage group `SGSYNP`, plus as many empty spare volumes
//! `SPR001`.. in `SGSYNQ` for clones. One data set in ten is an IMS
//! database data set registered in the RECON; the rest are user data sets.
//! Members are user jobs naming data sets and volumes, for the metadata
//! rewriters to chew on. IMS system `SYNP` has one member, `SYP1`.

use std::fmt::Write as _;
use std::path::Path;

use super::Farm;
use super::config::{StorageGroup, Subsystem};
use super::sample::source::Memory;
use super::sample::spec::{
    DbDataSpec, FillSpec, SampleCatalog, SampleDataset, SampleHeader, SampleSpec, SampleVolume, VsamSpec,
};
use crate::{Result, icl_bail};

/// How big a farm to generate.
#[derive(Debug, Clone, Copy)]
pub struct GenerateSpec {
    pub volumes: u32,
    pub datasets: u32,
    pub members: u32,
}

fn ds(dsn: &str, volser: &str, dsorg: &str, recfm: &str, lrecl: u16, blksize: u16, space: &str) -> SampleDataset {
    SampleDataset {
        dsn: dsn.into(),
        volser: volser.into(),
        dsorg: dsorg.into(),
        recfm: Some(recfm.into()),
        lrecl: Some(lrecl),
        blksize: Some(blksize),
        space: space.into(),
        vsam: None,
        members: None,
        text: None,
        load_modules: None,
        recon: None,
        dbdata: None,
        fill: None,
        catalog: true,
    }
}

/// The synthetic farm as a sample description and its files.
pub fn describe(g: &GenerateSpec) -> Result<(SampleSpec, Memory)> {
    if g.volumes < 2 || g.volumes > 999 {
        icl_bail!(
            "ICL268E",
            "--volumes must be 2..999 (one system volume and data volumes)"
        );
    }
    if g.datasets < 1 || g.datasets > 500_000 || g.members > 100_000 {
        icl_bail!("ICL268E", "--datasets must be 1..500000 and --members at most 100000");
    }
    let data_vols = g.volumes - 1;
    let per_vol = g.datasets.div_ceil(data_vols);
    // One track per data set, the VTOC, track 0, and some slack.
    let vtoc_tracks = (per_vol + 3).div_ceil(50).max(1);
    let cyls = (per_vol + vtoc_tracks + 1).div_ceil(15) + 1;
    let members = g.members.max(4);
    let jcl_tracks = (members * 2).div_ceil(10) + 5;
    // The user catalog holds an entry of about 100 bytes per data set.
    let catalog_tracks = g.datasets / 500 + 30;
    let sys_cyls = (jcl_tracks + catalog_tracks + 60).div_ceil(15) + 4;
    let mut files = Memory::default();
    let mut volume = vec![
        SampleVolume {
            devnum: "0FFF".into(),
            volser: "MCAT01".into(),
            cyls: catalog_tracks.div_ceil(15) + 2,
            vtoc_tracks: 1,
            storage_group: None,
            online: true,
        },
        SampleVolume {
            devnum: "1000".into(),
            volser: "SYN000".into(),
            cyls: sys_cyls,
            vtoc_tracks: 2,
            storage_group: Some("SGSYNP".into()),
            online: true,
        },
    ];
    for i in 1..=data_vols {
        volume.push(SampleVolume {
            devnum: format!("{:04X}", 0x1000 + i),
            volser: format!("SYN{i:03}"),
            cyls,
            vtoc_tracks,
            storage_group: Some("SGSYNP".into()),
            online: true,
        });
    }
    for i in 1..=g.volumes {
        volume.push(SampleVolume {
            devnum: format!("{:04X}", 0x2000 + i),
            volser: format!("SPR{i:03}"),
            cyls: cyls.max(sys_cyls),
            vtoc_tracks: 1,
            storage_group: Some("SGSYNQ".into()),
            online: true,
        });
    }

    let mut dataset = vec![
        SampleDataset {
            members: Some("members/PROCLIB".into()),
            ..ds("SYNP.PROCLIB", "SYN000", "PO", "FB", 80, 3120, "TRK,5,5,10")
        },
        SampleDataset {
            members: Some("members/JCL".into()),
            ..ds(
                "SYNP.USER.JCL",
                "SYN000",
                "PO",
                "FB",
                80,
                27920,
                &format!("TRK,{jcl_tracks},10,{}", members.div_ceil(6) + 5),
            )
        },
    ];
    for n in 1..=2 {
        dataset.push(SampleDataset {
            vsam: Some(VsamSpec {
                org: "KSDS".into(),
                ci: 4096,
                maxrec: 3000,
                keylen: 32,
            }),
            recon: Some("recon/SYNP.dbrc".into()),
            ..ds(&format!("SYNP.RECON{n}"), "SYN000", "VSAM", "FB", 0, 0, "TRK,30,30")
        });
    }
    let mut dbrc = String::from("INIT.RECON SSID(SYNP) NOCHECK NOFORCER STARTNEW\n");
    let mut names = Vec::new();
    for i in 0..g.datasets {
        let vol = format!("SYN{:03}", 1 + i % data_vols);
        if i % 10 == 0 {
            let db = format!("DB{:06}", i / 10);
            let dsn = format!("SYNP.{db}.DD1");
            let _ = writeln!(dbrc, "INIT.DB DBD({db}) SHARELVL(3) TYPEIMS");
            let _ = writeln!(dbrc, "INIT.DBDS DBD({db}) DDN(DD1) DSN({dsn}) GENMAX(2) NOREUSE");
            dataset.push(SampleDataset {
                dbdata: Some(DbDataSpec {
                    roots: 3,
                    seed: i as u64,
                    recon: "SYNP.RECON1".into(),
                }),
                ..ds(&dsn, &vol, "PS", "F", 4096, 4096, "TRK,1,1")
            });
            names.push((dsn, vol));
        } else {
            let dsn = format!("SYNP.USER.D{i:06}");
            dataset.push(SampleDataset {
                fill: Some(FillSpec {
                    records: 4,
                    seed: i as u64,
                }),
                ..ds(&dsn, &vol, "PS", "FB", 80, 800, "TRK,1,1")
            });
            names.push((dsn, vol));
        }
    }
    let _ = writeln!(dbrc, "NOTIFY.SUBSYS SSID(SYP1) IRLMID(IRS1)");
    files.files.insert("recon/SYNP.dbrc".into(), dbrc.into_bytes());

    let procs = [
        ("DFSPBSP1", "IMSID=SYP1,\nDBRCNM=SYP1DRC,\nDLINM=SYP1DLI,\nIRLM=Y,\nIRLMNM=IRS1,\nAUTO=Y\n".to_string()),
        (
            "SYP1CTL",
            "//SYP1CTL  PROC RGN=0M,SOUT=A,RGSUF=SP1\n//IEFPROC  EXEC PGM=DFSMVRC0,REGION=&RGN,\n//            PARM='CTL,&RGSUF'\n//PROCLIB  DD DSN=SYNP.PROCLIB,DISP=SHR\n//SYSUDUMP DD SYSOUT=&SOUT\n".to_string(),
        ),
        (
            "SYP1DLI",
            "//SYP1DLI  PROC RGN=0M,SOUT=A,IMSID=SYP1\n//IEFPROC  EXEC PGM=DFSMVRC0,REGION=&RGN,PARM='DLS,&IMSID'\n//PROCLIB  DD DSN=SYNP.PROCLIB,DISP=SHR\n//SYSUDUMP DD SYSOUT=&SOUT\n".to_string(),
        ),
        (
            "SYP1DRC",
            "//SYP1DRC  PROC RGN=64M,SOUT=A,IMSID=SYP1\n//IEFPROC  EXEC PGM=DFSMVRC0,REGION=&RGN,PARM='DRC,&IMSID'\n//RECON1   DD DSN=SYNP.RECON1,DISP=SHR\n//RECON2   DD DSN=SYNP.RECON2,DISP=SHR\n//SYSUDUMP DD SYSOUT=&SOUT\n".to_string(),
        ),
    ];
    for (m, t) in procs {
        files.files.insert(format!("members/PROCLIB/{m}"), t.into_bytes());
    }
    for j in 0..members {
        let mut t = format!(
            "//SYJ{j:05} JOB (ACCT),'SYNTHETIC',CLASS=A,MSGCLASS=X\n//STEP1    EXEC PGM=IEBGENER\n//SYSPRINT DD SYSOUT=*\n"
        );
        for k in 0..3u32 {
            let (dsn, vol) = &names[((j * 7 + k * 13) % g.datasets) as usize];
            let dd = ["SYSUT1", "SYSUT2", "SYSIN"][k as usize];
            let _ = writeln!(
                t,
                "//{dd:<8} DD DSN={dsn},DISP=SHR,\n//            UNIT=3390,VOL=SER={vol}"
            );
        }
        files.files.insert(format!("members/JCL/SYJ{j:05}"), t.into_bytes());
    }

    let spec = SampleSpec {
        sample: SampleHeader {
            name: "synthetic".into(),
            description: format!(
                "generated: {} volumes, {} data sets, {} members",
                g.volumes, g.datasets, g.members
            ),
            master_catalog: "CATALOG.MASTER".into(),
            master_catalog_volume: "MCAT01".into(),
            clock: 1_793_000_000,
        },
        storage_group: vec![
            StorageGroup {
                name: "SGSYNP".into(),
                description: "synthetic IMS system SYNP".into(),
            },
            StorageGroup {
                name: "SGSYNQ".into(),
                description: "spare volumes for clones".into(),
            },
        ],
        volume,
        catalog: vec![SampleCatalog {
            name: "UCAT.SYNP".into(),
            volser: "SYN000".into(),
            aliases: vec!["SYNP".into()],
        }],
        dataset,
        subsystem: vec![Subsystem {
            imsid: "SYP1".into(),
            group: Some("SYNP".into()),
            proclib: "SYNP.PROCLIB".into(),
            dfspb: "DFSPBSP1".into(),
        }],
    };
    Ok((spec, files))
}

/// Generate the synthetic farm at `root`.
pub fn generate(root: &Path, g: &GenerateSpec) -> Result<Farm> {
    let (spec, files) = describe(g)?;
    super::sample::materialize(&spec, &files, root)
}
