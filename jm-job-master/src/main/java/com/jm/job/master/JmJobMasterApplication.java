package com.jm.job.master;

import com.jm.job.master.importer.ImportCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The jm-job master: operators' REST API, the node protocol and the task store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JmJobMasterApplication {

    /** Serves; or, with {@code import …} as its arguments, runs that import and exits (see {@link ImportCommand}). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            ImportCommand command =
                    new ImportCommand(JmJobMasterApplication.class, System.out, System.err, System.getenv());
            System.exit(command.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(JmJobMasterApplication.class, args);
    }
}
