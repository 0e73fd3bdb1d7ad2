//! Binding and serving: plain HTTP through `axum::serve`, or HTTPS through tokio-rustls
//! (`[server.tls]`), both with graceful shutdown: on the signal `/readyz` turns 503, the
//! listener closes, in-flight requests (streams included) finish, then the audit writer signs a
//! final checkpoint and the audit drains (`[[audit.drains]]`) deliver what is left.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use super::{AppState, StartError, log, router};

/// Serves on `listener` until `shutdown` resolves, then drains.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let addr = listener.local_addr()?;
    let drains = super::drain::start(&state.config.store.path, &state.config.audit, &state.alerts)?;
    let app = router(state.clone());
    let st = state.clone();
    let shutdown = async move {
        shutdown.await;
        st.set_ready(false);
        log("shutdown requested: draining in-flight requests");
    };
    match state.config.server.tls.clone() {
        None => {
            log(&format!("listening on http://{addr}"));
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown)
            .await?;
        }
        Some(tls) => {
            log(&format!("listening on https://{addr}"));
            serve_tls(listener, app, &tls, shutdown).await?;
        }
    }
    state.budgets.flush();
    if let Err(e) = state.audit.stop() {
        log(&format!("audit log: {e}"));
    }
    // After the final checkpoint, so that the sinks receive it too.
    drains.finish(Duration::from_secs(10));
    log("stopped");
    Ok(())
}

async fn serve_tls(
    listener: TcpListener,
    app: axum::Router,
    tls: &super::config::Tls,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let certs = CertificateDer::pem_file_iter(&tls.cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| StartError::Tls(format!("server.tls.cert: {e}")))?;
    let key = PrivateKeyDer::from_pem_file(&tls.key)
        .map_err(|e| StartError::Tls(format!("server.tls.key: {e}")))?;
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| StartError::Tls(e.to_string()))?
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .map_err(|e| StartError::Tls(format!("server.tls: {e}")))?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(cfg));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => { log(&format!("accept: {e}")); continue; }
            },
            _ = &mut shutdown => break,
        };
        let acceptor = acceptor.clone();
        let app = app.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let Ok(Ok(stream)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await
            else {
                return;
            };
            let svc =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let mut req = req.map(axum::body::Body::new);
                    req.extensions_mut().insert(ConnectInfo(peer));
                    app.clone().oneshot(req)
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), svc);
            let _ = watcher.watch(conn).await;
        });
    }
    drop(listener);
    if tokio::time::timeout(Duration::from_secs(60), graceful.shutdown())
        .await
        .is_err()
    {
        log("some TLS connections did not close within 60 s");
    }
    Ok(())
}
