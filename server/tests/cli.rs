//! The `tradeoff` binary as an operator meets it: `--help`, first start on a new database
//! file, a clean stop on SIGTERM, and `tradeoff export DIR`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn help_lists_every_setting_with_its_default() {
    let output = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .arg("--help")
        .output()
        .expect("tradeoff runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "DATABASE_URL",
        "sqlite://data/tradeoff.db",
        "LEPTOS_SITE_ADDR",
        "127.0.0.1:3000",
        "TRADEOFF_PUBLIC_URL",
        "TRADEOFF_EVIDENCE_LIMIT",
        "67108864",
        "RUST_LOG",
        "TRADEOFF_TICKET_URL_<PREFIX>",
        "--ticket-url",
        "export",
    ] {
        assert!(help.contains(expected), "--help lacks {expected}:\n{help}");
    }
}

/// Starts the binary on `db`; returns the child, its address and the rest of its output.
fn start(
    db: &std::path::Path,
) -> (
    std::process::Child,
    String,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("TRADEOFF_PUBLIC_URL", "https://adr.example.com")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tradeoff starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("a ready line").unwrap();
        if let Some(rest) = line.split("address=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    (child, address, lines)
}

#[tokio::test]
async fn export_writes_the_files_of_the_zip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tradeoff.db");
    let (mut child, address, _lines) = start(&db);
    let client = reqwest::Client::new();
    for title in ["Record decisions", "Use Go | for the gateway"] {
        let created = client
            .post(format!("http://{address}/api/v1/adrs"))
            .json(&serde_json::json!({ "title": title, "tickets": ["PLAT-1"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
    }
    let zip = client
        .get(format!("http://{address}/export.zip"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();

    let out = dir.path().join("repo");
    let export = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["export", out.to_str().unwrap()])
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("TRADEOFF_PUBLIC_URL", "https://adr.example.com")
        .output()
        .unwrap();
    assert!(export.status.success(), "{export:?}");
    assert!(String::from_utf8_lossy(&export.stdout).contains("wrote 3 files"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 3);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut expected = String::new();
        std::io::Read::read_to_string(&mut entry, &mut expected).unwrap();
        let written = std::fs::read_to_string(out.join(entry.name())).unwrap();
        assert_eq!(written, expected, "{}", entry.name());
    }
    let nygard = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["export", out.to_str().unwrap(), "--format", "nygard"])
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .unwrap();
    assert!(nygard.status.success());
    let first =
        std::fs::read_to_string(out.join("docs/decisions/0001-record-decisions.md")).unwrap();
    assert!(
        first.starts_with("# 1. Record decisions\n\nDate: "),
        "{first}"
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["export", out.to_str().unwrap(), "--format", "docx"])
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("expected madr or nygard"));
}

#[tokio::test]
async fn it_creates_its_database_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deep/er/tradeoff.db");
    let (mut child, address, lines) = start(&db);
    assert!(
        db.exists(),
        "the database file and its folders were created"
    );
    let health = reqwest::get(format!("http://{address}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut waited = Duration::ZERO;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            waited < Duration::from_secs(10),
            "tradeoff did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
        waited += Duration::from_millis(50);
    };
    assert!(status.success(), "a graceful stop exits 0, got {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l.contains("SIGTERM received")),
        "{rest:?}"
    );
}

#[test]
fn import_reads_a_repository_root_and_reports_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("architecture/log")).unwrap();
    std::fs::write(repo.join(".adr-dir"), "architecture/log\n").unwrap();
    std::fs::write(
        repo.join("architecture/log/0001-record-decisions.md"),
        "# 1. Record decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to.\n",
    )
    .unwrap();
    std::fs::write(repo.join("architecture/log/README.md"), "# Log\n").unwrap();
    std::fs::write(repo.join("README.md"), "# Repo\n").unwrap();
    let db = dir.path().join("tradeoff.db");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(["import", repo.to_str().unwrap()])
            .env("DATABASE_URL", format!("sqlite://{}", db.display()))
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["folder"], "architecture/log");
    assert_eq!(report["imported"], 1);
    assert_eq!(report["skipped"], 1);
    assert_eq!(
        String::from_utf8_lossy(&first.stderr).trim().lines().last(),
        Some("1 imported, 0 updated, 0 unchanged, 1 skipped, 0 failed")
    );
    let again = run();
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["unchanged"], 1);

    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpora/adr-tools"
    );
    if std::path::Path::new(corpus).is_dir() {
        let output = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(["import", corpus])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", dir.path().join("corpus.db").display()),
            )
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["imported"], 9, "{report:#}");
    } else {
        eprintln!(
            "SKIPPED: the adr-tools corpus is not present at {corpus}; the CLI did not import it"
        );
    }
    let missing = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["import", dir.path().join("nowhere").to_str().unwrap()])
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("is not a folder"));
}

#[tokio::test]
async fn each_request_is_logged_once_at_info_without_its_query_or_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, address, lines) = start(&dir.path().join("tradeoff.db"));
    let response = reqwest::Client::new()
        .get(format!("http://{address}/api/v1/adrs?token=query-s3cret"))
        .header("Authorization", "Bearer header-s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    // The line is written before the response leaves; stopping the server ends its output.
    child.kill().unwrap();
    child.wait().unwrap();
    let log: Vec<String> = lines.map_while(Result::ok).collect();
    let request_lines: Vec<&String> = log.iter().filter(|l| l.contains(&id)).collect();
    assert_eq!(
        request_lines.len(),
        1,
        "one line for the request in {log:#?}"
    );
    let line = request_lines[0];
    for part in [
        " INFO ",
        "method=GET",
        "path=/api/v1/adrs",
        "status=200",
        "latency=",
    ] {
        assert!(line.contains(part), "{part} in {line}");
    }
    assert!(
        !log.iter().any(|l| l.contains("s3cret")),
        "no token in {log:#?}"
    );
}
