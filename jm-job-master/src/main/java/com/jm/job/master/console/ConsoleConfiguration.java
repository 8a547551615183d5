package com.jm.job.master.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.TimeZone;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: English or Chinese, chosen with {@code ?lang=en} / {@code ?lang=zh} and
 * kept in a cookie; before any choice, the browser's preferred language when it is Chinese, else
 * English. The same choice decides the language of the API's problem bodies.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_COOKIE = "jmjob-lang";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        // A hand-edited ?lang=xx is ignored rather than failing the page.
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    /**
     * Named so, it replaces the accept-header resolver Spring Boot would otherwise register, for
     * every request the dispatcher serves: the API's problem bodies and validation messages are in
     * the same language as the console's pages. Whatever the cookie says ({@code ?lang=fr} sets
     * it too), the answer is one of the two languages the master has words for, so a page or a
     * problem body never mixes a third (Hibernate Validator's) with English.
     */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE) {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }

            @Override
            public LocaleContext resolveLocaleContext(HttpServletRequest request) {
                // Read when used, like the cookie resolver's own: ?lang= changes it mid-request.
                TimeZoneAwareLocaleContext chosen = (TimeZoneAwareLocaleContext) super.resolveLocaleContext(request);
                return new TimeZoneAwareLocaleContext() {
                    @Override
                    public Locale getLocale() {
                        return supported(chosen.getLocale());
                    }

                    @Override
                    public TimeZone getTimeZone() {
                        return chosen.getTimeZone();
                    }
                };
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
        return resolver;
    }

    static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
