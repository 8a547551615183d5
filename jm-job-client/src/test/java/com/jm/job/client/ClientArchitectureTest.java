package com.jm.job.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The client's layout: a Spring-free core (the public handler API in this package, and {@code
 * handler}, {@code master}, {@code node}) that a plain Java program can run, and the starter in
 * {@code autoconfigure} on top of it; packages depend on each other one way only.
 */
@AnalyzeClasses(packages = "com.jm.job.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ClientArchitectureTest {

    @ArchTest
    static final ArchRule theCoreDoesNotUseSpring = noClasses()
            .that()
            .resideOutsideOfPackage("com.jm.job.client.autoconfigure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("the node's core must run without Spring; only autoconfigure is the starter");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices()
            // (**) makes the root package (the handler API) a slice of its own too.
            .matching("com.jm.job.(**)")
            .should()
            .beFreeOfCycles();
}
