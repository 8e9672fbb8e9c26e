//! The `server` command line: serve (default), migrate, create-user, seed-demo,
//! sweep-media, stats analyze.
//! Output meant for the operator (credentials, results) goes to stdout;
//! everything else is logged through `tracing`.

use crate::config::Config;
use crate::seed::{generate_password, seed_demo, DEMO_ACCOUNTS};
use crate::startup::{connect_database, shutdown_signal, Application};
use crate::telemetry;
use app::db::{redact_url, users};
use app::services::users::{insert, parse_new_user};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Causal Edge: experimentation growth platform"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default). Applies pending migrations first.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a back-office user. Without --password-stdin a password is generated and printed.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "marketer", "consultant"])]
        role: String,
        /// Display name (defaults to the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create the demo accounts (idempotent) and print their credentials.
    SeedDemo,
    /// Statistics for analysts (no database or configuration needed).
    Stats {
        #[command(subcommand)]
        command: crate::stats_cli::StatsCommand,
    },
    /// Delete uploaded images that no case study or consultant uses (serve
    /// also does this daily). Files younger than the grace period are kept.
    SweepMedia {
        /// Keep unreferenced uploads younger than this many hours (an editor
        /// may hold an upload it has not saved yet).
        #[arg(long, default_value_t = 24)]
        grace_hours: u64,
        /// Only report what would be deleted.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(cli: Cli) -> ExitCode {
    // Pure computation: runs before (and without) the configuration.
    if let Some(Command::Stats { command }) = &cli.command {
        return crate::stats_cli::run(command);
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::CreateUser {
            email,
            role,
            name,
            password_stdin,
        } => create_user(config, email, role, name, password_stdin).await,
        Command::SeedDemo => seed(config).await,
        Command::Stats { .. } => unreachable!("handled before the configuration is loaded"),
        Command::SweepMedia {
            grace_hours,
            dry_run,
        } => sweep_media(config, grace_hours, dry_run).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    tracing::info!(database = %redact_url(&config.database_url), "starting");
    let db = connect_database(&config).await.map_err(|e| e.to_string())?;
    if config.demo && users::count(&db).await.map_err(|e| e.to_string())? == 0 {
        let password = config
            .demo_password
            .clone()
            .unwrap_or_else(generate_password);
        seed_demo(&db, &password).await.map_err(|e| e.to_string())?;
        crate::seed::showcase::seed_showcase(&db, &config.media_dir)
            .await
            .map_err(|e| e.to_string())?;
        crate::seed::showcase::link_demo_consultant(&db)
            .await
            .map_err(|e| e.to_string())?;
        crate::seed::seed_landing_pages(&db)
            .await
            .map_err(|e| e.to_string())?;
        print_demo_credentials(&password, &config);
    }
    let app = Application::build_with_db(&config, db)
        .await
        .map_err(|e| e.to_string())?;
    app.run_until(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

fn print_demo_credentials(password: &str, config: &Config) {
    println!();
    println!(
        "  Causal Edge demo is ready at http://{}",
        config.listen_addr
    );
    println!("  Log in at /login with any of these (shown once; change them under My account):");
    for account in &DEMO_ACCOUNTS {
        println!(
            "    {:<11} {}  /  {}",
            account.role.label(),
            account.email,
            password
        );
    }
    println!();
}

async fn sweep_media(config: Config, grace_hours: u64, dry_run: bool) -> Result<(), String> {
    let db = connect_database(&config).await.map_err(|e| e.to_string())?;
    let grace = std::time::Duration::from_secs(grace_hours.saturating_mul(60 * 60));
    let report = crate::media::sweep::sweep(&db, &config.media_dir, grace, dry_run)
        .await
        .map_err(|e| e.to_string())?;
    let verb = if dry_run { "would delete" } else { "deleted" };
    println!(
        "{verb} {} unreferenced and {} unfinished image files ({:.1} MB) under {}; kept {}",
        report.unreferenced_removed,
        report.unfinished_removed,
        report.bytes_freed as f64 / 1_000_000.0,
        config.media_dir.display(),
        report.files_kept
    );
    Ok(())
}

async fn migrate(config: Config) -> Result<(), String> {
    connect_database(&config).await.map_err(|e| e.to_string())?;
    println!("migrations applied to {}", redact_url(&config.database_url));
    Ok(())
}

async fn create_user(
    config: Config,
    email: String,
    role: String,
    name: Option<String>,
    password_stdin: bool,
) -> Result<(), String> {
    let (password, generated) = if password_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|e| format!("could not read the password from stdin: {e}"))?;
        (input.trim_end_matches(['\r', '\n']).to_string(), false)
    } else {
        (generate_password(), true)
    };
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
    let user = parse_new_user(&email, &name, &role, Some(&password)).map_err(|e| e.to_string())?;
    let db = connect_database(&config).await.map_err(|e| e.to_string())?;
    let created = insert(&db, None, user).await.map_err(|e| e.to_string())?;
    println!(
        "created {} {} ({})",
        created.role, created.email, created.id
    );
    if generated {
        println!("password: {password}");
    }
    Ok(())
}

async fn seed(config: Config) -> Result<(), String> {
    let db = connect_database(&config).await.map_err(|e| e.to_string())?;
    let password = config
        .demo_password
        .clone()
        .unwrap_or_else(generate_password);
    let created = seed_demo(&db, &password).await.map_err(|e| e.to_string())?;
    let studies = crate::seed::showcase::seed_showcase(&db, &config.media_dir)
        .await
        .map_err(|e| e.to_string())?;
    crate::seed::showcase::link_demo_consultant(&db)
        .await
        .map_err(|e| e.to_string())?;
    let pages = crate::seed::seed_landing_pages(&db)
        .await
        .map_err(|e| e.to_string())?;
    // Servers running on this database show the new content within a second.
    app::db::content_version::bump(&db)
        .await
        .map_err(|e| e.to_string())?;
    println!("{studies} demo case studies created");
    println!("{pages} demo landing pages published");
    if created.is_empty() {
        println!("demo accounts already exist; nothing to do");
    } else {
        for account in created {
            println!(
                "created {:<11} {}  /  {}",
                account.role.label(),
                account.email,
                password
            );
        }
    }
    Ok(())
}
