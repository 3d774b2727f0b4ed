//! `yorisoi [serve|demo|migrate|import|…]`.

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DbArgs, PlainArgs, ServeArgs};
use crate::startup;
use app::server::plain::Engine;
use app::server::{db::Db, demo};

#[derive(Debug, Parser)]
#[command(
    name = "yorisoi",
    version,
    about = "Yorisoi: care records in plain Japanese"
)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub plain: PlainArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve(ServeArgs),
    /// Load the fictional demo household.
    Demo {
        /// Do nothing when the database already has recipients.
        #[arg(long)]
        if_empty: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Invite a person: prints a one-time sign-up link (valid 72 hours).
    /// This is how the first 事業所の管理者 gets in.
    Invite {
        /// 事業所の管理者, ケアマネジャー, 介護職員, 看護師, 医師, … (or the
        /// code, e.g. provider_admin).
        #[arg(long, value_parser = crate::invite_cmd::parse_role)]
        role: app::domain::classes::Role,
        /// The name the person is shown by.
        #[arg(long)]
        name: String,
        /// The 事業所 (provider id) the person works for, if any.
        #[arg(long, value_parser = parse_provider)]
        provider: Option<app::domain::ids::ProviderId>,
        /// Where people reach this Yorisoi; the link starts with it.
        #[arg(
            long,
            env = "YORISOI_PUBLIC_URL",
            default_value = "http://localhost:3000"
        )]
        public_url: String,
    },
    /// Widen the access policy for every 事業所 of a service type (or, with
    /// --narrow, go back to the default) and print what is in force.
    Policy {
        /// 訪問介護, 通所介護, … (or the code, e.g. home_help).
        #[arg(long, value_parser = crate::policy_cmd::parse_service_type)]
        service_type: app::domain::classes::ServiceType,
        /// 介護職員, 管理栄養士 or 地域包括支援センター・市町村の職員.
        #[arg(long, value_parser = crate::policy_cmd::parse_widened_role)]
        role: app::domain::classes::Role,
        /// 医療 or 人生会議.
        #[arg(long, value_parser = crate::policy_cmd::parse_class)]
        class: app::domain::classes::InfoClass,
        /// Take the widening back.
        #[arg(long)]
        narrow: bool,
    },
    /// Import a ケアプラン標準仕様 CSV set (利用者補足情報, 第1表, 第2表;
    /// Shift_JIS) or FHIR R4 JSON (Bundles or resources) for one recipient.
    /// Prints a JSON summary; exits with 1 when anything was refused (then
    /// nothing was imported).
    Import {
        /// The files; the format is detected.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// The recipient (利用者 id) the files are about.
        #[arg(long, value_parser = parse_recipient)]
        recipient: app::domain::ids::RecipientId,
        /// Who is recorded as having written what the files do not say
        /// (person id; default: the recipient's care manager).
        #[arg(long = "as", value_parser = parse_person)]
        author: Option<app::domain::ids::PersonId>,
    },
    /// Back up the SQLite database while Yorisoi runs: a consistent copy in
    /// DIR, checked with SQLite's integrity check, keeping the newest KEEP
    /// generations. (PostgreSQL: pg_dump, see the README.)
    Backup {
        dir: std::path::PathBuf,
        #[arg(long, default_value_t = 7)]
        keep: usize,
    },
    /// What is past its retention period, as JSON; with --apply, delete it.
    /// A recipient's data goes whole once the last care relationship ended
    /// more than RECORD_YEARS ago (nothing while anyone still cares for
    /// them); audit entries once older than AUDIT_YEARS. Two years at the
    /// least. Run it daily.
    Retention {
        #[arg(long)]
        apply: bool,
        #[arg(long, env = "YORISOI_RECORD_RETENTION_YEARS", default_value = "5")]
        record_years: app::domain::retention::RetentionYears,
        #[arg(long, env = "YORISOI_AUDIT_RETENTION_YEARS", default_value = "5")]
        audit_years: app::domain::retention::RetentionYears,
    },
    /// Put a backup in place of the SQLite database. Every server on it
    /// must be stopped; the database it replaces is kept beside it.
    Restore { file: std::path::PathBuf },
    /// Identifiers other systems give a recipient (a hospital's 患者番号…):
    /// a FHIR file imports for her when its Patient carries her 被保険者番号
    /// or one of these.
    Identifier {
        #[command(subcommand)]
        action: IdentifierAction,
    },
    /// Integration API tokens of a 事業所 (see server/openapi.json).
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Years of records, for benchmarks: the demo's three months copied
    /// further and further back. Alone: until the demo recipient has
    /// RECORDS care records (bench/reading.sh uses 40,000, about ten years).
    /// With --recipients and --years: the demo recipient copied until there
    /// are RECIPIENTS, each with YEARS of records (bench/load.sh).
    History {
        #[arg(long, default_value_t = 40_000, conflicts_with = "recipients")]
        records: i64,
        #[arg(long, requires = "years")]
        recipients: Option<i64>,
        #[arg(long, requires = "recipients")]
        years: Option<i64>,
    },
    /// Write FILE.br and FILE.gz beside each script, style sheet and WASM
    /// file in DIR (the release build does this for target/site/pkg).
    Precompress {
        #[arg(default_value = "target/site/pkg")]
        dir: std::path::PathBuf,
    },
    /// Read staff notes on standard input (one per line) and write each in
    /// plain Japanese as one JSON object per line.
    Plain {
        /// Instead, print a plainness report (JSON) over the notes in FILE:
        /// one note per line, or a keyed corpus (`.tsv`, as in
        /// tests/corpus/plain/) measured against its key.
        #[arg(long, value_name = "FILE", conflicts_with = "bench")]
        report: Option<std::path::PathBuf>,
        /// Instead, measure lines per second over the notes in FILE, for
        /// the engine and for lindera alone (server/scripts/bench-plain.sh).
        #[arg(long, value_name = "FILE")]
        bench: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Make a token and print it (once; only its hash is kept).
    Create {
        #[arg(long, value_parser = parse_provider)]
        provider: app::domain::ids::ProviderId,
        /// The 事業所's administrator making it (person id).
        #[arg(long, value_parser = parse_person)]
        admin: app::domain::ids::PersonId,
        /// What the token is for (「請求ソフト連携」).
        #[arg(long)]
        label: String,
        /// A recipient the token may reach (repeat for several).
        #[arg(long = "recipient", value_parser = parse_recipient, required = true)]
        recipients: Vec<app::domain::ids::RecipientId>,
        /// Information classes, comma-separated: medical,living,acp,contact.
        #[arg(long, value_parser = crate::token_cmd::parse_classes)]
        classes: crate::token_cmd::Classes,
        /// May import.
        #[arg(long)]
        import: bool,
        /// May read (FHIR export).
        #[arg(long)]
        read: bool,
    },
    /// Revoke a token of a 事業所.
    Revoke {
        #[arg(long, value_parser = parse_provider)]
        provider: app::domain::ids::ProviderId,
        /// The token's id (printed when it was made).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum IdentifierAction {
    /// Register SYSTEM + VALUE for a recipient; refused when it is
    /// registered for another recipient.
    Register {
        /// The recipient (利用者 id).
        #[arg(value_parser = parse_recipient)]
        recipient: app::domain::ids::RecipientId,
        /// The identifier's system, a URI (urn:oid:1.2.392.100495.20.3.51.1…).
        system: String,
        /// The identifier's value, exactly as the system writes it.
        value: String,
    },
}

fn parse_recipient(raw: &str) -> Result<app::domain::ids::RecipientId, String> {
    app::domain::ids::RecipientId::parse(raw).ok_or_else(|| format!("not a recipient id: {raw:?}"))
}

fn parse_person(raw: &str) -> Result<app::domain::ids::PersonId, String> {
    app::domain::ids::PersonId::parse(raw).ok_or_else(|| format!("not a person id: {raw:?}"))
}

fn parse_provider(raw: &str) -> Result<app::domain::ids::ProviderId, String> {
    app::domain::ids::ProviderId::parse(raw).ok_or_else(|| format!("not a provider id: {raw:?}"))
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let engine =
        || Engine::load(&cli.plain.dictionary, cli.plain.furigana_grade).map(std::sync::Arc::new);
    // Neither compressing files nor converting text needs a database.
    if let Some(Command::Precompress { dir }) = &cli.command {
        for m in crate::precompress::write(dir)? {
            println!(
                "{}: {} B, brotli {} B, gzip {} B",
                m.file.display(),
                m.raw,
                m.br,
                m.gz
            );
        }
        return Ok(());
    }
    if let Some(Command::Plain { report, bench }) = &cli.command {
        let engine = engine()?;
        let out = std::io::stdout().lock();
        return match (report, bench) {
            (Some(file), _) => crate::plain_cmd::report(&engine, file, out),
            (None, Some(file)) => crate::plain_cmd::bench(&engine, file, out),
            (None, None) => crate::plain_cmd::run(&engine, std::io::stdin().lock(), out),
        };
    }
    // A restore replaces the file a connection would open.
    if let Some(Command::Restore { file }) = &cli.command {
        let done =
            crate::backup_cmd::restore(&cli.db.database_url, file, chrono::Utc::now()).await?;
        println!("{}", serde_json::to_string_pretty(&done)?);
        return Ok(());
    }
    let db = Db::connect(&cli.db.database_url)
        .await
        .with_context(|| format!("connecting to {}", cli.db.database_url.redacted()))?;
    db.migrate().await.context("migrating the database")?;
    let command = match cli.command {
        Some(c) => c,
        None => Command::Serve(ServeArgs::from_env()?),
    };
    match command {
        Command::Serve(args) => {
            // Before anything is served: a missing dictionary stops the
            // start with the command that builds it.
            let engine = engine()?;
            let _serving = crate::backup_cmd::hold_while_serving(&cli.db.database_url)?;
            if args.demo_if_empty {
                load_demo(&db, true).await?;
                print_demo_links(&db, &args.public_url).await?;
            }
            startup::serve(db, engine, args).await
        }
        Command::Demo { if_empty } => load_demo(&db, if_empty).await,
        Command::Migrate => {
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Invite {
            role,
            name,
            provider,
            public_url,
        } => {
            let now = chrono::Utc::now().timestamp_millis();
            let invited = crate::invite_cmd::run(
                &db,
                role,
                &name,
                provider,
                &public_url,
                app::domain::time::OccurredAt::from_millis(now),
            )
            .await?;
            println!("{}", invited.url);
            println!(
                "one-time link for {name}; it works until {} {} (Japan time)",
                invited.expires_at.jst_date(),
                invited.expires_at.hhmm()
            );
            Ok(())
        }
        Command::Import {
            files,
            recipient,
            author,
        } => {
            let (summary, ok) = crate::import_cmd::run(&db, &files, recipient, author).await?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
            if ok {
                Ok(())
            } else {
                anyhow::bail!("nothing was imported")
            }
        }
        Command::Identifier {
            action:
                IdentifierAction::Register {
                    recipient,
                    system,
                    value,
                },
        } => {
            let id = crate::identifier_cmd::parse(&system, &value)?;
            let now =
                app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
            if crate::identifier_cmd::register(&db, recipient, &id, now).await? {
                println!("registered for {recipient}");
            } else {
                println!("already registered for {recipient}; nothing changed");
            }
            Ok(())
        }
        Command::Token { action } => match action {
            TokenAction::Create {
                provider,
                admin,
                label,
                recipients,
                classes,
                import,
                read,
            } => {
                let (id, token) = crate::token_cmd::create(
                    &db, provider, admin, &label, recipients, classes.0, import, read,
                )
                .await?;
                println!("{token}");
                println!("token id {id}: shown once; keep it in the care software's settings");
                Ok(())
            }
            TokenAction::Revoke { provider, id } => {
                crate::token_cmd::revoke(&db, provider, &id).await?;
                println!("revoked {id}");
                Ok(())
            }
        },
        Command::History {
            records,
            recipients,
            years,
        } => {
            let shape = match (recipients, years) {
                (Some(recipients), Some(years)) => {
                    crate::history_cmd::Shape::Recipients { recipients, years }
                }
                _ => crate::history_cmd::Shape::Records(records),
            };
            let made = crate::history_cmd::run(&db, shape).await?;
            println!("{}", serde_json::to_string(&made)?);
            Ok(())
        }
        Command::Policy {
            service_type,
            role,
            class,
            narrow,
        } => {
            let now =
                app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
            let lines = crate::policy_cmd::run(&db, service_type, role, class, narrow, now).await?;
            if lines.is_empty() {
                println!("the default policy applies to every 事業所 of this service type");
            }
            for line in lines {
                println!("{line}");
            }
            Ok(())
        }
        Command::Backup { dir, keep } => {
            let made = crate::backup_cmd::backup(
                &db,
                &cli.db.database_url,
                &dir,
                keep,
                chrono::Utc::now(),
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&made)?);
            Ok(())
        }
        Command::Retention {
            apply,
            record_years,
            audit_years,
        } => {
            let report = crate::retention_cmd::run(
                &db,
                record_years,
                audit_years,
                apply,
                chrono::Utc::now(),
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(())
        }
        Command::Plain { .. } | Command::Precompress { .. } | Command::Restore { .. } => Ok(()),
    }
}

/// One-time sign-up links for the demo people nobody has signed up as yet.
async fn print_demo_links(db: &Db, public_url: &url::Url) -> anyhow::Result<()> {
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let people = demo::people_to_try(db).await?;
    if !people.is_empty() {
        println!("demo: try Yorisoi as each of them — open a link and register a passkey (each works once, for 72 hours):");
    }
    for (person, name, role) in people {
        let invited = crate::invite_cmd::invite(db, person, public_url.as_str(), now).await?;
        println!("  {name} ({}): {}", role.code(), invited.url);
    }
    Ok(())
}

async fn load_demo(db: &Db, if_empty: bool) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let summary = if if_empty {
        demo::load_if_empty(db, now).await
    } else {
        demo::load_demo(db, now).await.map(Some)
    }
    .context("loading the demo household")?;
    match summary {
        Some(s) => println!(
            "demo: loaded {} people, {} records, {} vital-sign measurements, {} plan(s), {} medical items (recipient {})",
            s.people, s.records, s.vitals, s.plans, s.medical_items, s.recipient
        ),
        None => println!("demo: the database already has recipients; nothing loaded"),
    }
    Ok(())
}
