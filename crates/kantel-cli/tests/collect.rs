//! `kantel user add` and `kantel respondents invite` as a researcher sets up data collection:
//! passwords from standard input, accounts for a researcher and a municipal contact (named by
//! municipality name), personal links written once to a CSV file whose tokens the database
//! does not hold, numbering that continues, and mistakes refused with one Dutch message.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn kantel_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kantel"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kantel");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let run = Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stdout.contains('⟦'), "untranslated: {}", run.stdout);
    assert!(!run.stderr.contains('⟦'), "untranslated: {}", run.stderr);
    run
}

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let r = kantel_with_stdin(dir, args, stdin);
    assert!(r.ok, "kantel {args:?} failed:\n{}\n{}", r.stdout, r.stderr);
    r.stdout
}

fn fails(dir: &Path, args: &[&str], stdin: &str) -> String {
    let r = kantel_with_stdin(dir, args, stdin);
    assert!(!r.ok, "kantel {args:?} should fail:\n{}", r.stdout);
    assert!(r.stderr.starts_with("fout: "), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    r.stderr
}

fn study_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kantel-collect-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        repo().join("testdata/study-12/study.toml"),
        dir.join("study.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn accounts_from_the_command_line() {
    let dir = study_dir("users");
    let add = ["user", "add", "--email", "Onderzoeker@Bureau.NL", "--role"];
    let out = ok(
        &dir,
        &[&add[..], &["researcher"]].concat(),
        "een lang wachtwoord\n",
    );
    assert_eq!(
        out,
        "account onderzoeker@bureau.nl toegevoegd (onderzoeker)\n"
    );
    // The same address in other letters is the same account.
    let err = fails(
        &dir,
        &[
            "user",
            "add",
            "--email",
            "onderzoeker@bureau.nl",
            "--role",
            "researcher",
        ],
        "nog een lang wachtwoord\n",
    );
    assert!(err.contains("bestaat al een account"), "{err}");
    // A contact named by municipality name; stored by CBS code.
    let out = ok(
        &dir,
        &[
            "user",
            "add",
            "--email",
            "wmo@zwolle.nl",
            "--role",
            "contact",
            "--municipality",
            "zwolle",
        ],
        "wachtwoord van zwolle\r\n",
    );
    assert!(out.contains("contactpersoon van Zwolle (GM0193)"), "{out}");
    for (args, stdin, expected) in [
        (
            vec!["--email", "a@b.nl", "--role", "researcher"],
            "kort\n",
            "te kort",
        ),
        (
            vec!["--email", "a@b.nl", "--role", "researcher"],
            "",
            "geen wachtwoord ontvangen",
        ),
        (
            vec!["--email", "geen-adres", "--role", "researcher"],
            "een lang wachtwoord\n",
            "geen e-mailadres",
        ),
        (
            vec!["--email", "a@b.nl", "--role", "contact"],
            "een lang wachtwoord\n",
            "--municipality",
        ),
        (
            vec![
                "--email",
                "a@b.nl",
                "--role",
                "researcher",
                "--municipality",
                "GM0193",
            ],
            "een lang wachtwoord\n",
            "laat --municipality weg",
        ),
        (
            vec![
                "--email",
                "a@b.nl",
                "--role",
                "contact",
                "--municipality",
                "Haarlem",
            ],
            "een lang wachtwoord\n",
            "hoort niet bij deze studie",
        ),
    ] {
        let args = [&["user", "add"][..], &args].concat();
        let err = fails(&dir, &args, stdin);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

fn links(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn personal_links_are_written_once_and_only_their_hash_is_stored() {
    let dir = study_dir("invite");
    let invite = |group: &str, count: &str, out: &str| {
        vec![
            "respondents".to_owned(),
            "invite".to_owned(),
            "--municipality".to_owned(),
            "Zwolle".to_owned(),
            "--group".to_owned(),
            group.to_owned(),
            "--count".to_owned(),
            count.to_owned(),
            "--base-url".to_owned(),
            "https://enquete.bureau.nl/".to_owned(),
            "--out".to_owned(),
            out.to_owned(),
        ]
    };
    let args = invite("wijkteam", "3", "links.csv");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ok(&dir, &args, "");
    assert!(
        out.starts_with("3 persoonlijke links geschreven naar links.csv"),
        "{out}"
    );
    let rows = links(&dir.join("links.csv"));
    assert_eq!(rows[0], ["municipality", "group", "respondent", "link"]);
    assert_eq!(rows.len(), 4);
    let mut tokens = Vec::new();
    for (i, row) in rows[1..].iter().enumerate() {
        assert_eq!(row[0], "GM0193");
        assert_eq!(row[1], "wijkteam");
        assert_eq!(row[2], format!("GM0193-wijkteam-{:03}", i + 1));
        let token = row[3]
            .strip_prefix("https://enquete.bureau.nl/r/")
            .expect("link under the base URL");
        assert_eq!(token.len(), 64);
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
        tokens.push(token.to_owned());
    }
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 3, "every link is different");

    // An existing links file is never overwritten, and nothing is created.
    let before = std::fs::read(dir.join("links.csv")).unwrap();
    let err = fails(&dir, &args, "");
    assert!(err.contains("links.csv bestaat al"), "{err}");
    assert_eq!(std::fs::read(dir.join("links.csv")).unwrap(), before);

    // More links continue the numbering.
    let args = invite("wijkteam", "2", "meer.csv");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&dir, &args, "");
    let rows = links(&dir.join("meer.csv"));
    assert_eq!(rows[1][2], "GM0193-wijkteam-004");
    assert_eq!(rows[2][2], "GM0193-wijkteam-005");

    // An alias the register knows, as imports accept it: "Den Haag" is 's-Gravenhage.
    let args: Vec<String> = invite("bestuur", "1", "haag.csv")
        .into_iter()
        .map(|a| {
            if a == "Zwolle" {
                "Den Haag".to_owned()
            } else {
                a
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&dir, &args, "");
    assert_eq!(links(&dir.join("haag.csv"))[1][2], "GM0518-bestuur-001");

    // Mistakes: nothing is created and no empty file is left behind.
    for (group, count, expected) in [
        ("wijkteams", "2", "bestaat niet in deze studie"),
        ("wijkteam", "0", "kies een aantal"),
    ] {
        let args = invite(group, count, "fout.csv");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&dir, &args, "");
        assert!(err.contains(expected), "{err}");
        assert!(!dir.join("fout.csv").exists());
    }

    // The database (and its write-ahead log) holds no token, only digests.
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("kantel.sqlite")
        {
            stored.extend(std::fs::read(p).unwrap());
        }
    }
    assert!(!stored.is_empty());
    let stored = String::from_utf8_lossy(&stored);
    for token in &tokens {
        assert!(!stored.contains(token.as_str()), "token stored in clear");
    }
}

/// `kantel serve` prints its address as the first line, answers on it, and serves the
/// personal links `kantel respondents invite` wrote; it stops on SIGTERM.
#[test]
fn serve_prints_its_address_first_and_serves_the_links() {
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpStream;

    let dir = study_dir("serve");
    ok(
        &dir,
        &[
            "respondents",
            "invite",
            "--municipality",
            "GM0363",
            "--group",
            "bestuur",
            "--count",
            "1",
            "--base-url",
            "http://localhost",
            "--out",
            "links.csv",
        ],
        "",
    );
    let token = links(&dir.join("links.csv"))[1][3]
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kantel"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .map(|port| format!("127.0.0.1:{port}"))
        .unwrap_or_else(|| panic!("first line is not the address: {first:?}"));
    let get = |path: &str| {
        let mut s = TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        response
    };
    assert!(get("/health").starts_with("HTTP/1.1 200"));
    let page = get(&format!("/r/{token}"));
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Bestuurder"), "{page}");
    let unknown = get(&format!("/r/{}", "0".repeat(64)));
    assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
    // An answer given on the web is part of what `kantel analyse` reads.
    let section = get(&format!("/r/{token}/s/1"));
    let csrf = section
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page's csrf field")
        .to_owned();
    let item = section
        .split("name=\"q.")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an item on the first page")
        .to_owned();
    let body = format!("item={item}&value=4&csrf={csrf}");
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST /r/{token}/answer HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 204"), "{response}");
    // SIGTERM: a graceful stop.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let analysed = kantel_with_stdin(&dir, &["analyse"], "");
    assert!(
        analysed
            .stdout
            .contains("1 antwoord opgeslagen, ingelezen en via het web"),
        "{}{}",
        analysed.stdout,
        analysed.stderr
    );
}
