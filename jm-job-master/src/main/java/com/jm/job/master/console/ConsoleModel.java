package com.jm.job.master.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows: who is signed in, whether they may write (the pages show write
 * controls only then; the server checks again on every write), the page's own URL (which its live
 * parts reload) and the language.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";

    @ModelAttribute("userName")
    String userName(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("canWrite")
    boolean canWrite(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> OPERATOR_AUTHORITY.equals(a.getAuthority()));
    }

    @ModelAttribute("currentUrl")
    String currentUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("lang")
    String lang() {
        return LocaleContextHolder.getLocale().getLanguage();
    }
}
