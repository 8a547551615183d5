package com.example.worker;

import com.jm.job.client.JmJob;
import com.jm.job.client.JobContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A worker app with one job: it writes "ran run <id>" to the file its task's params name. */
@SpringBootApplication
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }

    @JmJob("outsideJob")
    public void outsideJob(JobContext context) throws IOException {
        Files.writeString(Path.of(context.params()), "ran run " + context.runId());
    }
}
