package com.jm.job.master.console;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The master's root is the console; the console's sign-in form. */
@Controller
class RootController {

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    /** Browsers ask for it on pages that name no icon (error pages); nothing to show, and no error either. */
    @GetMapping("/favicon.ico")
    ResponseEntity<Void> favicon() {
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }
}
