-- Nothing on a book file: its folder's lock lets one window write it. On
-- a server (postgres/0028) the change log tells the other windows.
SELECT 1;
