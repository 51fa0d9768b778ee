//! The HTTP/1.1 server loop: accepts connections and serves the router on each,
//! until told to stop, then lets requests in flight finish.
//!
//! Our own loop rather than `axum::serve`, for one reason: the live service takes
//! an upgraded websocket's TCP stream over (its writes go straight from the hub to
//! the socket, see `fair_live::socket`), which needs the stream handed to hyper
//! as it is (`TokioIo<TcpStream>`); `axum::serve` wraps it in a private type.
//! HTTP/2 is the reverse proxy's business (browsers speak it only over TLS).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

/// How long a client may take to send a request's headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves `router` on `listener` until `shutdown` resolves; then stops accepting,
/// asks keep-alive connections to close after their current request, and waits
/// for them. Requests see the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    // Dropping `stopping` tells every connection to finish; each holds a clone of
    // `open` until it ends, so `open_tx.closed()` resolves when the last one has.
    let (stopping, stop_rx) = watch::channel(());
    let (open_tx, open) = watch::channel(());
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    accept_failed(&err).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        serve_connection(&builder, &router, tcp, remote, stop_rx.clone(), open.clone());
    }
    drop(listener);
    drop((stopping, stop_rx, open));
    open_tx.closed().await;
}

fn serve_connection(
    builder: &hyper::server::conn::http1::Builder,
    router: &Router,
    tcp: TcpStream,
    remote: SocketAddr,
    mut stopping: watch::Receiver<()>,
    open: watch::Receiver<()>,
) {
    // No Nagle delay: small frames (a chat's ack, a pong) go out at once.
    if let Err(err) = tcp.set_nodelay(true) {
        tracing::debug!(error = %err, "could not set TCP_NODELAY");
    }
    let router = router.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(remote));
        let response: std::pin::Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>> =
            Box::pin(router.clone().oneshot(request));
        response
    });
    let connection = builder.serve_connection(TokioIo::new(tcp), service).with_upgrades();
    tokio::spawn(async move {
        let mut connection = std::pin::pin!(connection);
        let mut asked_to_finish = false;
        loop {
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(err) = result {
                        tracing::trace!(error = %err, "connection ended with an error");
                    }
                    break;
                }
                // Resolves (with an error) once the server stops.
                _ = stopping.changed(), if !asked_to_finish => {
                    asked_to_finish = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
        drop(open);
    });
}

/// Per-connection failures (the client reset before we accepted) are ignored; any
/// other (out of file descriptors) is logged and waited out, not spun on.
async fn accept_failed(err: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(err.kind(), ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused) {
        return;
    }
    tracing::error!(error = %err, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
