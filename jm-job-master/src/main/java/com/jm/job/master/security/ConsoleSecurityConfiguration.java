package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may use the web console ({@code /console/**}): the same users and roles as the operators'
 * API, signed in through a form and kept in a session cookie, with a CSRF token in every form
 * (a session cookie, unlike Basic credentials a script sends, goes with any request the browser
 * makes, so only the token tells the console's own forms from another site's). VIEWER reads every
 * page; every write (any POST) needs OPERATOR, so a viewer's forged form is refused with 403 even
 * with a valid token. A sign-in lasts until the session is idle for the servlet timeout or reaches
 * {@code jm.job.master.security.console-session.max-age} ({@link ConsoleSessionAge}). The API's chain ({@link SecurityConfiguration}) is untouched: Basic and bearer
 * tokens, stateless, and no console session is accepted there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

    static final String LOGIN_PAGE = "/console/login";

    /**
     * What the console's pages may load: only the master's own scripts, styles and images (the
     * WebJars it serves), no inline script and no eval, so even a string that escaped escaping
     * could not run. Pages are never framed by another site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self';"
            + " base-uri 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, JmJobMasterProperties properties, Clock clock)
            throws Exception {
        ConsoleSessionAge sessionAge = new ConsoleSessionAge(
                properties.getSecurity().getConsoleSession().getMaxAge(), clock);
        SavedRequestAwareAuthenticationSuccessHandler backToThePage =
                new SavedRequestAwareAuthenticationSuccessHandler();
        backToThePage.setDefaultTargetUrl("/console");
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl(LOGIN_PAGE + "?error");
        failures.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), LOGIN_PAGE + "?throttled"));
        http.securityMatcher("/", "/favicon.ico", "/console", "/console/**", "/webjars/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // Not a bean: Spring Boot would also register it for every request, the API's too.
                .addFilterBefore(sessionAge, SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .loginProcessingUrl(LOGIN_PAGE)
                        .successHandler(sessionAge.startingTheClock(backToThePage))
                        .failureHandler(failures)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout")
                        .logoutSuccessUrl(LOGIN_PAGE + "?logout")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/", "/favicon.ico", "/webjars/**", "/console/assets/**")
                                .permitAll()
                                // With any query (?logout, ?expired, ?throttled): formLogin's own permit
                                // matches the exact URLs only.
                                .requestMatchers(HttpMethod.GET, LOGIN_PAGE)
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, "/console/audit", "/console/audit/**")
                                .hasRole(Role.OPERATOR.name())
                                // A form a viewer could not save is no page for one.
                                .requestMatchers(
                                        HttpMethod.GET,
                                        "/console/alarms/new",
                                        "/console/alarms/*/edit",
                                        "/console/tasks/new",
                                        "/console/tasks/*/edit")
                                .hasRole(Role.OPERATOR.name())
                                .requestMatchers(HttpMethod.GET, "/", "/console", "/console/**")
                                .hasAnyRole(Role.VIEWER.name(), Role.OPERATOR.name())
                                .anyRequest()
                                .hasRole(Role.OPERATOR.name()));
        return http.build();
    }

    /**
     * A page load goes to the sign-in form (and back after it), which says so when the request
     * came with a session that has expired. A part of a page that htmx reloads in place (its
     * requests carry {@code HX-Request}) would otherwise show the form inside the page, so htmx is
     * told to load the sign-in page as a whole instead.
     */
    private static AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE) {
            @Override
            protected String determineUrlToUseForThisRequest(
                    HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
                return expired(request) ? LOGIN_PAGE + "?expired" : LOGIN_PAGE;
            }
        };
        return (request, response, e) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", LOGIN_PAGE + (expired(request) ? "?expired" : ""));
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            page.commence(request, response, e);
        };
    }

    private static boolean expired(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }
}
