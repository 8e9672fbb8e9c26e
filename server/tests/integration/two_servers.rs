//! Two separate server processes on one PostgreSQL database share sessions:
//! log in through one, stay logged in through the other, log out through the
//! second and be logged out on the first.
use crate::common;
use common::{Backend, TestDatabase, PASSWORD};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

struct ServerProcess {
    child: Child,
    base_url: String,
}

impl ServerProcess {
    async fn start(database_url: &str) -> ServerProcess {
        ServerProcess::start_with(database_url, &[]).await
    }

    async fn start_with(database_url: &str, vars: &[(&str, String)]) -> ServerProcess {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
            .env("DATABASE_URL", database_url)
            .env("CE_LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("server binary starts");
        let base_url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if let Ok(r) = reqwest::get(format!("{base_url}/ready")).await {
                if r.status() == 200 {
                    return ServerProcess { child, base_url };
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("server on port {port} did not become ready");
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn two_app_servers_on_one_postgres_share_sessions() {
    let database = TestDatabase::create(Backend::Postgres).await;
    let url = database.url();
    // Create the user through the CLI, as an operator would.
    let mut create = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["migrate"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    assert!(create.wait().await.unwrap().success());
    let mut create_user = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "create-user",
            "--email",
            "ops@example.com",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use tokio::io::AsyncWriteExt;
        let mut stdin = create_user.stdin.take().unwrap();
        stdin.write_all(PASSWORD.as_bytes()).await.unwrap();
    }
    assert!(create_user.wait().await.unwrap().success());

    let (mut one, mut two) = tokio::join!(ServerProcess::start(&url), ServerProcess::start(&url));
    let client = common::client();
    let login = client
        .post(format!("{}/api/auth/login", one.base_url))
        .header("Accept", "application/json")
        .form(&[("email", "ops@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = common::session_cookie(&login).unwrap();
    let pair = cookie.split(';').next().unwrap().to_string();

    let on_two = |path: &str| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}{path}", two.base_url))
            .header("Cookie", &pair)
            .header("Accept", "text/html")
            .send()
    };
    assert_eq!(
        on_two("/admin/users").await.unwrap().status(),
        200,
        "session valid on the second server"
    );

    let logout = reqwest::Client::new()
        .post(format!("{}/api/auth/logout", two.base_url))
        .header("Cookie", &pair)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 200);
    let on_one = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/admin/users", one.base_url))
        .header("Cookie", &pair)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        on_one.status(),
        302,
        "logout on one server ends the session on the other"
    );

    let _ = one.child.kill().await;
    let _ = two.child.kill().await;
}

/// Two server processes working one queue on one PostgreSQL database, both
/// polling every 50 ms: each of 30 emails reaches the SMTP server once.
#[tokio::test]
async fn two_app_servers_on_one_postgres_never_send_the_same_email() {
    use common::smtp_sink::SmtpSink;
    let database = TestDatabase::create(Backend::Postgres).await;
    let url = database.url();
    let db = app::db::Db::connect(&url, 2).await.unwrap();
    db.migrate().await.unwrap();
    for i in 0..30 {
        let to = format!("reader{i}@example.com");
        app::db::outbound_emails::insert(
            &db,
            app::db::outbound_emails::NewEmail {
                to_address: &to,
                subject: &format!("Email {i}"),
                body_text: "Hello",
                kind: "test",
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    let sink = SmtpSink::start().await;
    let vars = [
        ("CE_SMTP_URL", sink.url()),
        ("CE_MAIL_FROM", "hello@causal-edge.example".to_string()),
        ("CE_JOB_POLL_MS", "50".to_string()),
    ];
    let (_one, _two) = tokio::join!(
        ServerProcess::start_with(&url, &vars),
        ServerProcess::start_with(&url, &vars)
    );
    for _ in 0..200 {
        if sink.messages().len() >= 30 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Long enough for a second sending of anything to show.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.decoded_messages();
    assert_eq!(messages.len(), 30, "every email once");
    let mut subjects: Vec<&str> = messages
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("Subject:")))
        .collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 30, "thirty different emails");
    let sent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(sent, 30);
    db.pool.close().await;
}
