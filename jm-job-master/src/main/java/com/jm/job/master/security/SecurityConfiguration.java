package com.jm.job.master.security;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.errors.ProblemWriter;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what. Operators' API: HTTP Basic or bearer token; VIEWER reads, OPERATOR also writes
 * (and reads the audit trail and the actuator). The Prometheus endpoint: operators, or the scrape
 * token ({@code jm.job.master.security.scrape-token}), which reads nothing else. Node API: the node token, then the per-node session
 * the node API itself checks. Health: open, without details. Stateless, so no CSRF tokens: browsers'
 * cross-site writes are refused by where they come from ({@link CrossSiteRequestFilter}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final String VIEWER = Role.VIEWER.name();
    private static final String OPERATOR = Role.OPERATOR.name();

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, Credentials credentials, ProblemWriter problems, JmJobMasterProperties properties)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                long seconds = throttled.retryAfterSeconds();
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(
                        request,
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too many failed sign-ins for this user or from this address; try again in " + seconds + " s");
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jm-job\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "sign in with HTTP Basic or a bearer token");
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "this needs the " + OPERATOR + " role");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(
                        new CrossSiteRequestFilter(properties.getSecurity().getAllowedOrigins(), problems),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(
                        new NodeTokenFilter(credentials.nodeTokenScopes(), problems), BasicAuthenticationFilter.class)
                .addFilterBefore(
                        new BearerTokenFilter(credentials.tokens(), credentials.scrapeToken(), problems),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/node-api/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(BearerTokenFilter.PROMETHEUS_PATH)
                        .hasAnyRole(OPERATOR, BearerTokenFilter.SCRAPER)
                        .requestMatchers("/api/audit", "/api/audit/**", "/actuator/**")
                        .hasRole(OPERATOR)
                        .requestMatchers(
                                HttpMethod.GET, "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers("/api/**")
                        .hasRole(OPERATOR)
                        .anyRequest()
                        .authenticated());
        return http.build();
    }

    /**
     * URLs the firewall refuses before any security check (a ';', an encoded '/', '\' or '%',
     * "..", control characters) get the same problem body as every other 400, not an empty answer.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "the request URL contains a character or sequence this server refuses"
                        + " (such as ';', an encoded '/', '\\' or '%', '..' or a control character)");
    }

    @Bean
    OperatorAuthenticationProvider operatorAuthenticationProvider(
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            JmJobMasterProperties properties,
            Clock clock,
            ApplicationEventPublisher events) {
        LoginThrottle throttle = new LoginThrottle(properties.getSecurity().getLoginThrottle(), clock);
        VerifiedCredentials verified =
                new VerifiedCredentials(properties.getSecurity().getCredentialCache(), clock);
        return new OperatorAuthenticationProvider(credentials.users(), passwordEncoder, throttle, events, verified);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
