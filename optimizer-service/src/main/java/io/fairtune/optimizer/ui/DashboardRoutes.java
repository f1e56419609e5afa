package io.fairtune.optimizer.ui;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /} and {@code /ui} lead to the dashboard page ({@code /ui/index.html}, a static file: it holds no data and
 * asks the visitor for a key or token before calling the API). Regex routes match the whole path only, so
 * {@code /ui/} itself stays with the static files. The Location is relative, so a proxy path prefix survives.
 */
@ApplicationScoped
public class DashboardRoutes {

    void register(@Observes Router router) {
        router.getWithRegex("/ui").handler(rc -> rc.redirect("ui/"));
        router.getWithRegex("/").handler(rc -> rc.redirect("ui/"));
    }
}
