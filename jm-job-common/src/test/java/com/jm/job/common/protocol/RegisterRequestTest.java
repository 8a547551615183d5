package com.jm.job.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegisterRequestTest {

    // No expression language on this module's class path: messages are interpolated from parameters.
    private final ValidatorFactory factory = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private final Validator validator = factory.getValidator();

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void aRequestWithoutTagsSendsNone() {
        assertThat(new RegisterRequest("g", "10.0.0.1", null, "h:1", 4).tags()).isNull();
        assertThat(new RegisterRequest("g", "10.0.0.1", null, "h:1", 4, List.of()).tags())
                .as("empty is sent as absent, which a master from before tags accepts")
                .isNull();
        assertThat(validator.validate(new RegisterRequest("g", "10.0.0.1", null, "h:1", 4)))
                .isEmpty();
    }

    @Test
    void tagsAreACopyTheCallerCannotChangeAfterwards() {
        List<String> tags = new ArrayList<>(List.of("gpu"));
        RegisterRequest request = new RegisterRequest("g", "10.0.0.1", null, "h:1", 4, tags);

        tags.add("ssd");

        assertThat(request.tags()).containsExactly("gpu");
        assertThat(request).isEqualTo(new RegisterRequest("g", "10.0.0.1", null, "h:1", 4, List.of("gpu")));
    }

    @Test
    void tagsOfLettersDigitsAndSeparatorsUpTo64CharactersAreAccepted() {
        List<String> tags = List.of("gpu", "region:eu-west-1", "team.billing_2", "7", "a" + "b".repeat(63));

        assertThat(validator.validate(request(tags))).isEmpty();
    }

    @Test
    void aMalformedTagIsRefusedNamingItsPositionAndTheRule() {
        for (String bad : List.of("", " gpu", "two words", "-leading-dash", "a,b", "ümlaut", "a" + "b".repeat(64))) {
            assertThat(validator.validate(request(List.of("gpu", bad))))
                    .as("tag '%s'", bad)
                    .singleElement()
                    .satisfies(violation -> {
                        assertThat(violation.getPropertyPath()).hasToString("tags[1].<list element>");
                        assertThat(violation.getMessage()).isEqualTo(NodeApi.TAG_RULE);
                        assertThat(violation.getInvalidValue()).isEqualTo(bad);
                    });
        }
    }

    @Test
    void aNullTagIsRefusedRatherThanDropped() {
        List<String> tags = Arrays.asList("gpu", null);

        assertThat(validator.validate(request(tags)))
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("tags[1].<list element>");
    }

    @Test
    void moreThanTheMostTagsIsRefused() {
        List<String> most =
                IntStream.range(0, NodeApi.MAX_TAGS).mapToObj(i -> "t" + i).toList();
        List<String> tooMany = IntStream.rangeClosed(0, NodeApi.MAX_TAGS)
                .mapToObj(i -> "t" + i)
                .toList();

        assertThat(validator.validate(request(most))).isEmpty();
        assertThat(validator.validate(request(tooMany)))
                .extracting(ConstraintViolation::getPropertyPath)
                .singleElement()
                .hasToString("tags");
    }

    private static RegisterRequest request(List<String> tags) {
        return new RegisterRequest("g", "10.0.0.1", null, "h:1", 4, tags);
    }
}
