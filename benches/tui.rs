//! The walkthrough's speed: frame render time at 200x60 (drawn into ratatui's
//! `TestBackend`), and the real binary in a pseudo-terminal: CPU used over 10 s
//! idle and the time from a keypress to the redrawn frame.
//!
//! Run with `cargo bench --bench tui`. `FAIRUSE_BENCH_IDLE_SECS` shortens the
//! idle measurement (default 10).

use fairuse::load::{self, Library};
use fairuse::tui::{view, App, Theme};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn kadrey() -> App {
    let library = Library::bundled().expect("bundled library");
    let case = library
        .case(&load::bundled_case("kadrey-v-meta").expect("bundled case"))
        .expect("valid case");
    let mut app = App::new(library, "2026-01-15".into(), Theme::from_env());
    app.size = (200, 60);
    app.open(case, "kadrey-v-meta");
    app
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

struct Stats {
    mean: Duration,
    median: Duration,
    p99: Duration,
    max: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let n = samples.len();
    Stats {
        mean: samples.iter().sum::<Duration>() / n as u32,
        median: samples[n / 2],
        p99: samples[(n * 99 / 100).min(n - 1)],
        max: samples[n - 1],
    }
}

fn report(name: &str, s: &Stats) {
    println!(
        "{name:<44} mean {:>8.3} ms  median {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
        s.mean.as_secs_f64() * 1e3,
        s.median.as_secs_f64() * 1e3,
        s.p99.as_secs_f64() * 1e3,
        s.max.as_secs_f64() * 1e3
    );
}

/// Times `frames` full frames, each after `step` changes the state.
fn frames(name: &str, mut app: App, frames: usize, step: impl Fn(&mut App, usize)) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for i in 0..20 {
        step(&mut app, i);
        terminal.draw(|f| view::render(&app, f)).unwrap();
    }
    let mut samples = Vec::with_capacity(frames);
    for i in 0..frames {
        let start = Instant::now();
        step(&mut app, i);
        terminal.draw(|f| view::render(&app, f)).unwrap();
        samples.push(start.elapsed());
    }
    report(name, &stats(samples));
}

fn render_benchmarks() {
    println!(
        "Frame render time at 200x60 (TestBackend; key handling included where a key is pressed)"
    );
    frames("question screen, redraw only", kadrey(), 500, |_, _| {});
    frames(
        "question screen, j/k then redraw",
        kadrey(),
        500,
        |app, i| {
            app.handle_key(key(if i % 2 == 0 { 'j' } else { 'k' }));
        },
    );
    frames(
        "answer changed (engine re-run) then redraw",
        kadrey(),
        500,
        |app, i| {
            app.handle_key(key(if i % 2 == 0 { 'j' } else { 'k' }));
            app.handle_key(key(' '));
        },
    );
    frames(
        "tab through questions and factors",
        kadrey(),
        500,
        |app, i| {
            if i % 22 == 21 {
                app.handle_key(key('1'));
            } else {
                app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
            }
        },
    );
    let mut summary = kadrey();
    summary.handle_key(key('5'));
    frames("summary screen, scrolling", summary, 500, |app, i| {
        app.handle_key(key(if i % 2 == 0 { 'j' } else { 'k' }));
    });
    let mut memo = kadrey();
    let mut review = kadrey();
    review.handle_key(key('r'));
    frames("review screen, moving", review, 500, |app, i| {
        app.handle_key(key(if i % 2 == 0 { 'j' } else { 'k' }));
    });
    memo.handle_key(key('m'));
    frames("memo preview, scrolling", memo, 500, |app, i| {
        app.handle_key(key(if i % 2 == 0 { 'j' } else { 'k' }));
    });
    let mut timing = kadrey();
    let start = Instant::now();
    for _ in 0..20 {
        timing.handle_key(key('m'));
        timing.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
    println!(
        "{:<44} mean {:>8.3} ms",
        "opening the memo preview (renders the memo)",
        start.elapsed().as_secs_f64() * 1e3 / 20.0
    );
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("process is alive");
    // The command name may hold spaces; fields after it are space-separated.
    let after = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn idle_benchmark() {
    let secs: u64 = std::env::var("FAIRUSE_BENCH_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_fairuse"));
    cmd.args(["tui", "kadrey-v-meta"]);
    cmd.cwd(dir.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let pid = child.process_id().unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    // The first frame.
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&seen).contains("Factor 1") {
        let (_, bytes) = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("first frame");
        seen.extend(bytes);
    }
    std::thread::sleep(Duration::from_millis(300));
    while rx.try_recv().is_ok() {}

    // Idle: nothing happens; the process should not run at all.
    let ticks_per_sec = 100.0; // USER_HZ on Linux
    let before = cpu_ticks(pid);
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    let used = (cpu_ticks(pid) - before) as f64 / ticks_per_sec;
    let wall = start.elapsed().as_secs_f64();
    println!(
        "idle for {wall:.1} s at 200x60: {used:.2} s of CPU ({:.2}% of one core)",
        used / wall * 100.0
    );

    // Keypress to frame: the time until the terminal receives the redraw.
    let mut latencies = Vec::new();
    for i in 0..100 {
        while rx.try_recv().is_ok() {}
        let sent = Instant::now();
        writer
            .write_all(if i % 2 == 0 { b"j" } else { b"k" })
            .unwrap();
        writer.flush().unwrap();
        let (first, _) = rx.recv_timeout(Duration::from_secs(5)).expect("a redraw");
        latencies.push(first.duration_since(sent));
        // Let the rest of the frame arrive before the next key.
        while rx.recv_timeout(Duration::from_millis(20)).is_ok() {}
    }
    report(
        "keypress to first redraw bytes (real pty)",
        &stats(latencies),
    );

    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let _ = child.wait();
}

fn main() {
    // `cargo test --benches` runs benchmarks with --bench absent; keep it quick.
    let real = std::env::args().any(|a| a == "--bench");
    render_benchmarks();
    if real {
        idle_benchmark();
    } else {
        println!("(idle CPU and keypress latency run under `cargo bench`)");
    }
}
