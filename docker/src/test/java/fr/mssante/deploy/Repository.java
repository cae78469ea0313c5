package fr.mssante.deploy;

import java.nio.file.Path;

/** Where the files under test are: the docker module (Maven's basedir) and the repository around it. */
final class Repository {

    static final Path DOCKER = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path ROOT = DOCKER.getParent();

    private Repository() {
    }
}
