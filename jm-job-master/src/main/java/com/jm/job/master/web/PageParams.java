package com.jm.job.master.web;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.service.PageRequest;
import org.springframework.stereotype.Component;

/** Checks the {@code page} and {@code size} query parameters every list endpoint takes. */
@Component
class PageParams {

    static final String DEFAULT_PAGE = "0";
    static final String DEFAULT_SIZE = "20";

    private final JmJobMasterProperties properties;

    PageParams(JmJobMasterProperties properties) {
        this.properties = properties;
    }

    PageRequest of(int page, int size) {
        if (page < 0) {
            throw new InvalidFieldException("page", "page must be 0 or more (pages count from 0)");
        }
        int max = properties.getMaxPageSize();
        if (size < 1 || size > max) {
            throw new InvalidFieldException("size", "size must be between 1 and " + max);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidFieldException("page", "page " + page + " is beyond any list this master serves");
        }
        return new PageRequest(page, size);
    }
}
