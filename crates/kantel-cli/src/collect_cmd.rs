//! `kantel user add`, `kantel respondents invite` and `kantel serve`: data collection on the
//! web, as thin shells over `kantel-workflow` and `kantel-web`.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use kantel_i18n::{Lang, msg};
use kantel_store::Role;
use kantel_workflow::accounts::add_user;
use kantel_workflow::invite::{find_municipality, invite, write_links_csv};
use kantel_workflow::workspace::block_on;
use kantel_workflow::{Access, WorkflowError, Workspace};

use crate::study_cmd::{Localized, StudyArgs, UiLang};

/// `kantel user …`
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a researcher or municipal-contact account; the password is read from standard input.
    #[command(after_help = "Examples:\n  \
        echo 'een lang wachtwoord' | kantel user add --study study.toml --email onderzoeker@bureau.nl --role researcher\n  \
        kantel user add --study study.toml --email wmo@zwolle.nl --role contact --municipality GM0193 < wachtwoord.txt")]
    Add(UserAddArgs),
}

/// The role of a new account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// All studies: set up, collect, analyse, report.
    Researcher,
    /// One municipality: its response progress and mirror report.
    Contact,
}

/// `kantel user add`
#[derive(Args, Debug)]
pub struct UserAddArgs {
    #[command(flatten)]
    study: StudyArgs,
    /// E-mail address (the login name).
    #[arg(long)]
    email: String,
    /// researcher or contact.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// For a contact: the municipality (CBS code or name) the account may see.
    #[arg(long)]
    municipality: Option<String>,
}

/// `kantel respondents …`
#[derive(Subcommand, Debug)]
pub enum RespondentsCommand {
    /// Create respondents with personal links and write the links to a CSV file (for a mail merge).
    #[command(after_help = "Example:\n  \
        kantel respondents invite --study study.toml --municipality GM0193 --group wijkteam \
        --count 12 --base-url https://enquete.bureau.nl --out links-zwolle.csv")]
    Invite(InviteArgs),
}

/// `kantel respondents invite`
#[derive(Args, Debug)]
pub struct InviteArgs {
    #[command(flatten)]
    study: StudyArgs,
    /// Municipality: CBS code or name.
    #[arg(long)]
    municipality: String,
    /// Respondent group (an id from the study file, e.g. wijkteam).
    #[arg(long)]
    group: String,
    /// Number of links.
    #[arg(long)]
    count: usize,
    /// Address where `kantel serve` is reached by respondents, e.g. https://enquete.bureau.nl
    #[arg(long)]
    base_url: String,
    /// CSV file to write (municipality,group,respondent,link); must not exist yet.
    #[arg(long)]
    out: PathBuf,
}

/// `kantel serve`
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The study file (default: study.toml when it exists and no --database is given); its
    /// database is the SQLite file kantel.sqlite next to it unless --database is given.
    #[arg(long)]
    study: Option<PathBuf>,
    /// Database URL: postgres://USER@HOST:PORT/DB for multi-user deployments (or sqlite://…).
    #[arg(long)]
    database: Option<String>,
    /// Address to listen on; port 0 picks a free port. The first line printed is the address.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Mark cookies Secure: set this when respondents reach the server through HTTPS (a
    /// reverse proxy in front of it).
    #[arg(long)]
    secure_cookies: bool,
    /// Behind a reverse proxy: take the client address for rate limits from the last
    /// X-Forwarded-For entry.
    #[arg(long)]
    behind_proxy: bool,
}

fn localize(lang: UiLang, e: WorkflowError) -> anyhow::Error {
    anyhow::Error::new(Localized(e.msg().render(lang.into())))
}

fn read_password(lang: Lang) -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // Shown, not hidden: a terminal prompt that hides input needs a terminal crate,
        // and scripts pipe the password in anyway.
        let _ = write!(
            std::io::stderr(),
            "{} ",
            msg!("cli-password-prompt").render(lang)
        );
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| {
        anyhow::Error::new(Localized(
            msg!("cli-password-read", error = e.to_string()).render(lang),
        ))
    })?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!(Localized(msg!("cli-password-empty").render(lang)));
    }
    Ok(password)
}

/// Runs `kantel user …`.
pub fn run_user(command: &UserCommand, lang: UiLang) -> Result<String> {
    let l: Lang = lang.into();
    let UserCommand::Add(args) = command;
    if args.role == RoleArg::Researcher && args.municipality.is_some() {
        bail!(Localized(
            msg!("cli-user-researcher-municipality").render(l)
        ));
    }
    if args.role == RoleArg::Contact && args.municipality.is_none() {
        bail!(Localized(msg!("cli-user-contact-municipality").render(l)));
    }
    let password = read_password(l)?;
    let (email, role_text, municipality) = block_on(async {
        let ws = Workspace::open(&args.study.paths(), Access::Write).await?;
        let result = async {
            let (role, municipality) = match &args.municipality {
                None => (Role::Researcher, None),
                Some(m) => {
                    let m = find_municipality(&ws.study, m)?;
                    (
                        Role::Contact {
                            study: ws.id,
                            municipality: m.code.as_str().to_owned(),
                        },
                        Some(format!("{} ({})", m.name, m.code.as_str())),
                    )
                }
            };
            let email = kantel_workflow::accounts::check_email(&args.email)?;
            add_user(&ws.store, &email, &password, role.clone()).await?;
            Ok((email, role.as_str(), municipality))
        }
        .await;
        ws.close().await;
        result
    })
    .map_err(|e| localize(lang, e))?;
    let m = match municipality {
        Some(m) => msg!("cli-user-added-contact", email = email, municipality = m),
        None => msg!("cli-user-added", email = email, role = role_text),
    };
    Ok(m.render(l) + "\n")
}

/// Runs `kantel respondents …`.
pub fn run_respondents(command: &RespondentsCommand, lang: UiLang) -> Result<String> {
    let l: Lang = lang.into();
    let RespondentsCommand::Invite(args) = command;
    // The file first: tokens exist only in what this command writes, so a file that cannot
    // be written must stop us before respondents are created.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.out)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::Error::new(Localized(
                    msg!("cli-links-exists", file = args.out.display().to_string()).render(l),
                ))
            } else {
                localize(lang, WorkflowError::io(&args.out, &e))
            }
        })?;
    let result = block_on(async {
        let ws = Workspace::open(&args.study.paths(), Access::Write).await?;
        let r = invite(
            &ws.store,
            ws.id,
            &ws.study,
            &args.municipality,
            &args.group,
            args.count,
            &args.base_url,
        )
        .await;
        ws.close().await;
        r
    });
    let links = match result {
        Ok(links) => links,
        Err(e) => {
            // Nothing was created: leave no empty links file behind.
            drop(file);
            let _ = std::fs::remove_file(&args.out);
            return Err(localize(lang, e));
        }
    };
    let mut w = std::io::BufWriter::new(file);
    write_links_csv(&mut w, &links)
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|()| w.flush())
        .map_err(|e| localize(lang, WorkflowError::io(&args.out, &e)))?;
    let first = links.first().map(|l| l.respondent.as_str()).unwrap_or("");
    let last = links.last().map(|l| l.respondent.as_str()).unwrap_or("");
    Ok(msg!(
        "cli-links-written",
        count = links.len(),
        file = args.out.display().to_string(),
        first = first,
        last = last
    )
    .render(l)
        + "\n")
}

/// Runs `kantel serve` until Ctrl-C or SIGTERM. The first line on standard output is the
/// address (`http://127.0.0.1:PORT`), flushed at once, so scripts can wait for it.
pub fn run_serve(args: &ServeArgs, lang: UiLang) -> Result<String> {
    let l: Lang = lang.into();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| localize(lang, WorkflowError::io("tokio", &e)))?;
    runtime.block_on(async {
        // Like the other commands: study.toml in the current folder when nothing is named.
        let default_file = PathBuf::from("study.toml");
        let study = match (&args.study, &args.database) {
            (None, None) if default_file.is_file() => Some(&default_file),
            (s, _) => s.as_ref(),
        };
        let (store, default_study, study_file) = match (study, &args.database) {
            (Some(study), database) => {
                let paths = kantel_workflow::StudyPaths {
                    study_file: study.clone(),
                    database: database.clone(),
                };
                let ws = Workspace::open(&paths, Access::Write)
                    .await
                    .map_err(|e| localize(lang, e))?;
                (ws.store.clone(), Some(ws.id), Some(study.clone()))
            }
            (None, Some(url)) => {
                let store = kantel_store::Store::open(url)
                    .await
                    .map_err(|e| localize(lang, e.into()))?;
                (store, None, None)
            }
            (None, None) => bail!(Localized(msg!("cli-serve-what").render(l))),
        };
        let mut options = kantel_web::ServeOptions {
            listen: args.listen,
            default_study,
            study_file,
            secure_cookies: args.secure_cookies,
            ..kantel_web::ServeOptions::default()
        };
        options.limits.trust_forwarded_for = args.behind_proxy;
        let served = kantel_web::serve(store.clone(), options, |addr| {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "http://{addr}");
            let _ = out.flush();
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                msg!("cli-serve-started", address = format!("http://{addr}")).render(l)
            );
        })
        .await;
        store.close().await;
        served.map_err(|e| anyhow::Error::new(Localized(e.msg().render(l))))
    })?;
    Ok(String::new())
}
