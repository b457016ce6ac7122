//! Redraw of a 20,000-row table: the whole frame (layout, render, the
//! buffer diff into ratatui's TestBackend) while scrolling, measured with
//! Instant over many iterations. Also the first frame (App::new on a farm
//! and the first draw), and what Enter on a profile costs on the default
//! farm: planning the sample clone, refresh and skeleton (the loader
//! thread's work) and the first frame of their reviews. Run:
//! `cargo bench --bench tui_table`.

use std::time::{Duration, Instant};

use imsclone::engine::request::JobFile;
use imsclone::farm::generate::{GenerateSpec, generate};
use imsclone::farm::sample::{self, source};
use imsclone::tui::dialogs::review::ReviewDialog;
use imsclone::tui::dialogs::{Cx, Dialog, Flow};
use imsclone::tui::screen::Screen;
use imsclone::tui::table::{Column, Table};
use imsclone::tui::theme::ColorMode;
use imsclone::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ROWS: usize = 20_000;

/// 20,000 data set rows on a data set list panel (the 80-column volume
/// view, or the 132-column total view).
struct Big(&'static str);

impl Dialog for Big {
    fn panel(&self) -> String {
        self.0.into()
    }
    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let cols = [
            "DSNAME", "VOLSER", "DSORG", "RECFM", "LRECL", "BLKSZ", "TRACKS", "PCTUSED", "EXTENTS", "USEDTRK",
            "CREATED", "CATALOG",
        ];
        let mut t = Table::new(cols.iter().map(|c| Column::text(c)).collect());
        t.set_rows(
            (0..ROWS)
                .map(|i| {
                    vec![
                        format!("IMSP.DB{:05}.PART{:02}.DATA", i / 16, i % 16),
                        format!("IMS{:03}", i % 64),
                        "PS".into(),
                        "FB".into(),
                        "80".into(),
                        "27920".into(),
                        (i % 900).to_string(),
                        (i % 100).to_string(),
                        (1 + i % 16).to_string(),
                        (i % 700).to_string(),
                        "2026/11/27".into(),
                        "UCAT.IMSP".into(),
                    ]
                })
                .collect(),
        );
        s.table = Some(t);
        Flow::Stay
    }
}

fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mean = v.iter().map(|d| ms(*d)).sum::<f64>() / v.len() as f64;
    (mean, ms(v[v.len() / 2]), ms(v[v.len() * 99 / 100]))
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let farm = dir.path().join("farm");
    generate(
        &farm,
        &GenerateSpec {
            volumes: 3,
            datasets: 50,
            members: 10,
        },
    )
    .expect("farm");
    let opts = || {
        let mut o = Options::new(farm.clone());
        o.theme = Some("ispf-classic".into());
        o.color_mode = Some(ColorMode::TrueColor);
        o.now = Some(1_795_737_600);
        o
    };

    // First frame: open the farm, parse the primary menu, draw it.
    let mut firsts = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let mut app = App::new(opts()).expect("app");
        app.resize(80, 24);
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
        term.draw(|f| app.draw(f)).expect("draw");
        firsts.push(t.elapsed());
    }
    let (mean, p50, p99) = stats(firsts);
    println!("first frame (App::new + draw, 80x24): mean {mean:.3} ms, p50 {p50:.3} ms, p99 {p99:.3} ms");

    for (w, h, panel, iters) in [(80u16, 24u16, "ICLDSL", 5000usize), (132, 43, "ICLDSLT", 3000)] {
        let mut app = App::new(opts()).expect("app");
        app.resize(w, h);
        app.push_dialog(Box::new(Big(panel)));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("term");
        term.draw(|f| app.draw(f)).expect("draw");
        let mut samples = Vec::with_capacity(iters);
        for i in 0..iters {
            // A page down each frame (so every frame has new rows), now and
            // then to the bottom and back to the top (never past the end:
            // near-empty frames would flatter the numbers).
            match i % 1000 {
                500 => app.command("DOWN MAX"),
                501 | 999 => app.command("TOP"),
                _ => app.command("DOWN"),
            }
            let t = Instant::now();
            term.draw(|f| app.draw(f)).expect("draw");
            samples.push(t.elapsed());
        }
        let (mean, p50, p99) = stats(samples);
        println!(
            "redraw of a {ROWS}-row table ({panel}) at {w}x{h} ({iters} frames, scrolling): mean {mean:.3} ms, p50 {p50:.3} ms, p99 {p99:.3} ms"
        );
        // Commands on the whole table, for scale.
        let t = Instant::now();
        app.command("SORT TRACKS D");
        app.command("LOCATE 500");
        app.command("FIND PART07");
        println!(
            "SORT + LOCATE + FIND over {ROWS} rows: {:.3} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }

    // Enter on a profile: the plan (on the loader thread in the app), then
    // the review's first frame, on the default farm.
    let default = dir.path().join("default");
    let src = source::Embedded::named("default").expect("sample");
    let text = String::from_utf8(source::SampleSource::read(&src, "sample.toml").expect("spec")).expect("utf-8");
    let spec = sample::spec::SampleSpec::parse(&text, "default").expect("spec");
    let farm = sample::materialize(&spec, &src, &default).expect("default farm");
    for (file, panel) in [
        ("system-clone.toml", "ICLREV"),
        ("db-refresh.toml", "ICLREVD"),
        ("skeleton.toml", "ICLREVK"),
    ] {
        let path = format!("{}/sample-systems/default/jobs/{file}", env!("CARGO_MANIFEST_DIR"));
        let job = JobFile::parse(&std::fs::read_to_string(&path).expect("job"), file).expect("job file");
        let mut plans = Vec::new();
        let mut frames = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let plan = imsclone::engine::plan_job(&farm, &job, 1_795_737_600).expect("plan");
            plans.push(t.elapsed());
            let mut o = opts();
            o.farm = default.clone();
            let mut app = App::new(o).expect("app");
            app.resize(80, 24);
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
            let t = Instant::now();
            app.push_dialog(Box::new(ReviewDialog::new(plan, false)));
            term.draw(|f| app.draw(f)).expect("draw");
            frames.push(t.elapsed());
            assert_eq!(app.top_panel(), panel);
        }
        let (pm, p50, _) = stats(plans);
        let (fm, f50, _) = stats(frames);
        println!(
            "{file}: plan (loader thread) mean {pm:.1} ms, p50 {p50:.1} ms; review {panel} first frame mean {fm:.3} ms, p50 {f50:.3} ms"
        );
    }
}
