-- Each app server keeps the public pages it rendered in memory
-- (server::page_cache). Every back-office write that succeeds adds one to
-- this number; every server compares it with the one it last saw at most
-- once a second and empties its cache when it moved. So an edit made
-- through one app server reaches the pages every other server answers
-- within about a second, not after the cache's whole lifetime.
CREATE TABLE content_version (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);
