package com.jm.job.master.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The master's layout as docs/architecture.md draws it: one package per concept, every arrow
 * between packages one way, the web layer over services and never straight onto the mappers.
 */
class ArchitectureTest {

    private static final String MASTER = "com.jm.job.master";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(MASTER);

    /** No two packages of the master import each other, directly or round a longer loop. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void packagesFormNoCycle() {
        noPackageCycles(MASTER).check(MAIN);
    }

    @Test
    void webDoesNotReachIntoTheStore() {
        noClasses()
                .that()
                .resideInAPackage(MASTER + ".web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(MASTER + ".store..")
                .check(MAIN);
    }

    @Test
    void eventsAndErrorsDependOnNoOtherConcept() {
        for (String leaf : new String[] {"events", "errors", "domain"}) {
            noClasses()
                    .that()
                    .resideInAPackage(MASTER + "." + leaf + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            MASTER + ".dispatch..",
                            MASTER + ".index..",
                            MASTER + ".node..",
                            MASTER + ".lease..",
                            MASTER + ".outcome..",
                            MASTER + ".service..",
                            MASTER + ".web..",
                            MASTER + ".store..",
                            MASTER + ".schedule..")
                    .check(MAIN);
        }
    }

    /** The cycle rule is not vacuous: two fixture packages that import each other break it. */
    @Test
    void aCycleBreaksTheRule() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(MASTER + ".architecture.cyclic");
        assertThat(noPackageCycles(MASTER + ".architecture.cyclic")
                        .evaluate(cyclic)
                        .hasViolation())
                .isTrue();
    }
}
