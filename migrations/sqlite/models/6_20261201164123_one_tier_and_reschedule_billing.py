from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "late_reschedule_payout" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "driver_id" INT NOT NULL REFERENCES "driver" ("id") ON DELETE RESTRICT,
    "late_reschedule_id" INT NOT NULL REFERENCES "late_reschedule" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_late_resche_late_re_51b1c8" UNIQUE ("late_reschedule_id", "driver_id")
) /* What one driver is paid for a billable late reschedule (one row per driver), as */;
CREATE INDEX IF NOT EXISTS "idx_late_resche_agency__f961b2" ON "late_reschedule_payout" ("agency_id", "driver_id");
        ALTER TABLE "cancellation" ADD "rebooked_credit" VARCHAR(40);
        ALTER TABLE "late_reschedule" ADD "waived" INT NOT NULL DEFAULT 0;
        ALTER TABLE "late_reschedule" ADD "waived_by_id" INT;
        ALTER TABLE "late_reschedule" ADD "payout_total" VARCHAR(40) NOT NULL DEFAULT 0;
        ALTER TABLE "late_reschedule" ADD "waived_at" TIMESTAMP;
        ALTER TABLE "late_reschedule" ADD "waiver_note" TEXT;
        CREATE INDEX "idx_late_resche_agency__ee0456" ON "late_reschedule" ("agency_id", "rescheduled_at");
        -- extra one_tier_backfill, injected by migrations/make_migration.py
        UPDATE "cancellation" SET "tier" = 1
            WHERE "tier" IS NULL AND "billable" = 1 AND "policy_version_id" IS NULL;
        UPDATE "cancellation" SET "rebooked_credit" = (
            SELECT p."rebooked_credit" FROM "pending_review_item" AS p
            WHERE p."cancellation_id" = "cancellation"."id"
            AND p."rebooked_credit_confirmed_at" IS NOT NULL AND p."withdrawn_at" IS NULL)
            WHERE "rebooked_credit" IS NULL;
        INSERT INTO "late_reschedule_payout" ("agency_id", "late_reschedule_id", "driver_id", "amount")
            SELECT lr."agency_id", lr."id", CAST(json_extract(p.value, '$.driverId') AS INTEGER),
            json_extract(p.value, '$.amount')
            FROM "late_reschedule" AS lr, json_each(lr."decision", '$.payouts') AS p
            WHERE NOT EXISTS (
                SELECT 1 FROM "late_reschedule_payout" AS x WHERE x."late_reschedule_id" = lr."id");
        UPDATE "late_reschedule" SET "payout_total" = printf('%.2f', COALESCE((
            SELECT SUM(CAST(ROUND(x."amount" * 100) AS INTEGER)) FROM "late_reschedule_payout" AS x
            WHERE x."late_reschedule_id" = "late_reschedule"."id"), 0) / 100.0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        -- extra one_tier_backfill, injected by migrations/make_migration.py
        -- the one-tier backfill keeps its data
        DROP INDEX IF EXISTS "idx_late_resche_agency__ee0456";
        ALTER TABLE "cancellation" DROP COLUMN "rebooked_credit";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived_by_id";
        ALTER TABLE "late_reschedule" DROP COLUMN "payout_total";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived_at";
        ALTER TABLE "late_reschedule" DROP COLUMN "waiver_note";
        DROP TABLE IF EXISTS "late_reschedule_payout";"""


MODELS_STATE = (
    "eJztXW1z4ji2/isqvnS6ipnqvHYvc+tWkYTuZoeEVEJPz+5ky+1gJfgGLMY2SbO789+vJN"
    "vYlmUjG2OM+3xJwNY5wCPpWOf9P60ZMfDU+bn7hK3xstVB/2lZ+gzTF8KdNmrp83l4nV1w"
    "9YcpH6qHYx4c19bHLr36qE8dTC8Z2Bnb5tw1icXGdpGLLd1yO8h0HWTgR30xpS8o8+kSvU"
    "6wjZGOxgvHJTNsI2IjwzZf6CsH01EWcSem9fQz+yiDjOln0Xelcl1Y5p8LrLnkCbuUjPL+"
    "41/0smkZ+Dt2grfzZ+3RxFMjBphpMAb8uuYu5/xa33I/8oHsCz9oYzJdzKxw8HzpToi1Gm"
    "1aLrtK0cS27mLG3rUXDERrMZ36aAe4et80HOJ9xQiNjwK9wKi9LxBea2na9XCk3fVGmtZK"
    "TFNAEcHYvzQmFpti+lUd/uuf2Ff46ejw5P3Jh+Ozkw90CP+aqyvv//I+OgTGI+TwXI9af/"
    "H7uqt7IzjGIaj8fwLWi4luy3ENxgvI0q8sIhvgmAVtcCHENlzVVYA7079rU2w9uROG6Lt3"
    "GVD+1r29+Ny9PaCj3rKPJHQbervz2r915N1jeIf4uuYMa/8mVi6QY0TVId36MrpoVQL12Y"
    "kC0mcnqUCzW3GcxwvbDoSkKsxRmgpR7n25rQblYwWQj1MxPhYh9r+tNtatMaYYsC+nvdKf"
    "Sl61mWktXOzkENCK3NZL8LLm5fDk5F2thXhyJihO5mwx0x7M6ZR+/gazkMGpuhk42xf8Te"
    "uFmGNsxBavXPL0rMWMQ9+n34iNTp5U0phVKJLOB8OLX3MKJY+og/i/e6s7GAy/al/7o8/a"
    "xW3vsj9itL0Okl8XD5hK4uxIRZ4dpQu0I1GiWURzJlTePGLJ4/kSj82ZPk05BsUphakyPN"
    "KffRYK0+YfKetyMMoA+rJ30b/qDg4Oj9oe1M6fU9PF0Tk4SZyC8Au2XM3BfyZhPjefUqVT"
    "jKw6ObRlMfS3o6Pj4/dH747PPpyevH9/+uHdSh4lb2UJpvP+JyabYss9VVjJ0U/Xn+JUjQ"
    "G/tGfA2Mbsl2u6KxEd9A47w6ccO2OUoujwSX8OXuyjWkV/oDG0pktfsGXgOupf9e5G3asb"
    "9nEzh8oSjl931GN3jvjVpXD14EwQ8SsmiD1mEHuL/jm85g+ZOXHcJ5t/Yjhu9M8W+076wi"
    "WaRaW4bkTU+uBqgNpfzCDx+BzRntmFB338/Krbhha7Ey6PhYNtyUHs3Cf7+OstTn3S+5ah"
    "L5TFHs7+X8F6D66GqyCqrnmmog0huvDZNBUmz4q2IUiXnElTIdIdx3yyZpjRbARTd8WoqV"
    "DNTPoT6YjNcLryuDQVJGIbG++4IePRVIDoU8mU2RjyAHS34tFEhKKK/KYPOMEm0ES45vqS"
    "LDaV3lGgbjjDpsJFD9dOqevqljNsKly+IrshXn2PS1NBsvGLiV8108WzDYG6wZZBv84tZ9"
    "in/JoKWcxvMSdTc7zxUzEmwxjH5Y8D3lJjik65D0wPw988vk2Fkv5UrNn0AybYWEw3XYID"
    "yu12xewHwUwr5QQSh67ZZxBumN8Qr95Lg1Vt08CzOXFZdAFdaGOqVG56AAkZ3nJ+TUXuFT"
    "9MCHnW6DliTsyNV9lXj13P59Yk1JgZmhyRNMN0/Fb0rDfVl9pMt5/TkR1aeETon/X4shHL"
    "K5/ZXjo55cDOjmYCsDPd0p/4t2TsGHHUTi+J7Azs9xlxnfO5tghGrY3svCMzTCyMXicEMV"
    "Olg0yrg3QL6cbMtNqIzBn4xG4jG8+J7WL6ithI92Mx3/BwzWRoZ3lsIbYTYjtrs7sriO20"
    "yTQF3/VRPwFtnbFudS+v+tcdxP/dW8Ob3m13NLztoODVvXV52/+tR694/++t297N8HbErg"
    "SvRHmjMluHZwqTdSi6gcO5YrfiU0UFKxVWkgceofOgW/L9EBIJs/RAqbY1TYEAqjaq53w4"
    "HMRc8Od9IbDk+svVeY+iLsT8JAMj8Hf6iLD0qSaT6enCRyArtC/EA8ZupXsFweXkGVuB4S"
    "THAzRBB+E94irmEDlUd3uhL4pE+UgZlBDsU89DdN1jewJMEsE9ENKltr2aFdIVOxrw5Drp"
    "0ypVgMZoqhOetddFxMilfKjGaAqhWjPhWAaoiehDceUmAf5IbEwV+V/xMqGDpIQ+rRjt2a"
    "pNM+HQy7b+urIzxPcr/f30V2Pv/HpLxcdt/2LUkqzeEpBVjr2r2cpVBTa2ZVOAVQmXhZCZ"
    "vP56bJcZMtOcFRp3JuglxM/+ADjR86thuvSIJM0ezAUW53RNGTV170G4AoQr1My5l9Nhtc"
    "qakDitohkV6Y6rcXTUWsfV1wlBD4Q8O0i3DDTXl84vaGE52EUutmcOI5si9tOQS5A7wcg7"
    "rr0JC40kvVYl8VzvsvojfnjkcP0L/Fjgx2qOGTlI+meoaHN6nJ+QhUT5yUyITuWxcWp03S"
    "ak7NzocsppbKOMRs1OsmWbqDavnlF21YyGAy6L+s31wExnAHBDhjq4M1rgzgDLe70MxCqW"
    "dxUDMaTlQtIppAVWDBKkBYJ9cw/tm77TVWLdDN2x6bbN0PerUmx5Tp9KxOLB82PdZlUNUF"
    "BmA5GF21nFybdZSD0FANtzG/Mgeh25eDyxzLGpW7KKy2WyBjtnTQ6VbbBz7szOOdeXG9k4"
    "pfRg3wT7Zp3EC+Q87CDnAUxt6asaTG1galsntsDUViNTW3WlS2v2AFZS8KHepDJUUNgNqt"
    "Lssx0pskNljbti+zejyEN8nIJNye+dRSykBxafX3hBBn42R6xYw4FFXITpXBhv0YTQH8Nj"
    "3FYVGZwpcWUmpRI5q1iUYtkBnKd/zmVcNPrAtt0WJfojqEwrjgT7U6X2J2+lFlJjBNIG6j"
    "F7orcEmGQrLuMxnhfTVwVSSGiu8zxHRW6eSY7SwQzXeYYjD9KccxynBIFd/2mmu7LQJPt0"
    "MMW1nmL/rFy8n2IaPbhGUqsTbOoQzGIDfsE1fkGwnm9xZVdcd6PpqMbtE8rZIVEiwBV8Pb"
    "sraDILmzZtCG3z2j+J2Mb3bS2rxewrtJuVi9mmrT9Y1hJDf2TFp1v5IxtsvYl/aGH0f+QB"
    "kUdmfOepDW30aroTbmuPhjr52eymhR6JPWZFmrGFTBe96g5Pf8dG0sxfOvfcwaNzc/y8mH"
    "MLPrPux+7RPeAuHMko/kXlDLyWY8l74B6o0j0QzlwyQHV9wePIvFfX1/ymd33Zv/6kde/u"
    "+p+ur3pet+Qc4Es4dFDy2r3lve5ddlDwil67uOjdjHqX2vk/tKBQcvLavdW/1m5uh5+oCL"
    "zroMibe+tieHUz6I0Y29VLerV7fdEbDPjV4OW9dT3U7j4Pv3aQ/0KUC0phtycqUbcn6UG3"
    "J4mY29VuTaybbNNVjBBsV7W2XWGHTgIPY8RWIX+DhB6mvNZT7m/PKRmvAlBU0xYkpKVU+9"
    "61bhyTpMdKCQzHGQkMx8kEBsMmc/L4WAh1GS3ArgR7Slm8Ef6ecqJcETQB4Cyp1ft9FBNY"
    "AYwHV93f38aE1mB4/SkYHoH9YjA8F+3CNlMSC8UmxCjBcV3n5wf3PBea5TglzHKdZ3lMZn"
    "Nm4SmUGSPQwkzXeaYtojkTSvKIC7dEElhUaCZgk9m9uRn0L7rng15eE0Gcmunf0ff3lm8u"
    "WNkN7q3u5SW3FLB/99bXbv839tb7X0RtL79fUmQuNH1GFpZs+2a5xuUMNnaK788OLuQT96"
    "uSFBGXAilIyzpLS792nW8YLxzzs44N+Jwlvvw4aJsXgVTmB7ORPhtBQemN90IGIwiEWw9/"
    "adtBhSNMyPoJ2aheyTpeEKO45jy2QtC25ZFJGVbuJGkD6/Qcq1hb022tKXj7vTXyhdtJaU"
    "HEJEVMoJo90RnBBSR8Kj2ADZVhoDIMY7GYGwVnPU4Js16XWZeo9cnSIJDRsAUJGo0LVAQ1"
    "FkoImCYxjQVUKoIaD8KERz0kM+wqmYEEddw3BLZp9eBFXKNiUAFWb4OXgOvditF+CQRVXG"
    "OScINCa1BKLAv1uBoF3Q0KdDfQpqZVUouDAeXUnB0dAwu6HGxaqg66HKRgts2MNe/0IslX"
    "Wx1r1vdv1VZHKbWkNZYURoFAD0uko4DJL8h0HeTl9yCTNVjlYZjo0SYzfivoWiBPVSuBpy"
    "RBTcg6s/EjZnZ4v6dBeupaxOrGU89WSNHbkG9Wab5ZOGcJbNPdLjGiBjpcDpUC3A8zAtwP"
    "kwHue5jZN7zpXbfyIc5pOoj9rVPOXfnBe/5huZjXQaCFOLL6GJwl8dWR2fKe5XRdveCp5D"
    "yW1fQhi02FbSBWV6APBPh9arINoQ/EzjznkZO3Oq4CFSALjordOSqCxVgCthcRVg1FV9i6"
    "GxjWA+PAZmap5lW6UnL35IFI2dOzlwiB02GnBk5/cUksnOGySzdxhstbpeWGjVmgLjdDeu"
    "bIDquddfvxAp2enpwiezHFCH+f66wwOmu1SiKtWB953wyuNsl6bpTJen0lLjBRVmqi9P0V"
    "ytZJf3wDDZOnSobJ0wzD5GnSMAn6dDr6oE+DPr1edkEcJWjSNTgotiHkry4hf3VUoOvpIq"
    "pW3YmpiBKlR1QhM6I7xJFKsR3+nL9xYiWCO+h1Qtr0z7LNywO3qfJi8ELCfkIvYlmjjJAV"
    "Dn6StR0sm3nucsSiT5OFciS7Dtr4BdvR0I84j7hxKsYyOZqezRzKeEznJjkaVLQqVbSaOc"
    "Nr+mCpu9qg5A23MYXUKaYvirQw1bWe6nBnPiw1fjEx3+lWGClxA00yR0ommaMMk8yRxCQT"
    "Bc8m+exfUuIGIl9+TFconx5ylaEQ6RoI9laWuXCCU4c7RtZAtM9UWgScpbcIOEu0CPAxoz"
    "9fFri2FusVXQPB3srSZtWpkzhnV7MujG89NXvpGWgbxaydMZkXLoi6Iq4wrnr0uX+nDS8u"
    "vtze9q4vctdCFcg7SLhwb/EL3etL7eNwMBh+5YVRk9fura+fh4Me/Zzbfu+ug6LvRAOD0k"
    "YqvbEJs1BwpBOTmxlqGyWrMLR2N1uqxMha/PiIx675gotXCMxiAd4NCeY+TA5Z2GlJOOuF"
    "WIJJnR/TrYsvd6PhFWvUFLy6t4LWTUG7pu4nKsn+oV32Pna/DEYdFH9fRDqVry4EyZRGgX"
    "0ipYUNItkggTAvALKMFDCWhYFTKfMkkT6ZlS9DIihxiaNCRFLiUl+Shau5xNUl2ld2fVGB"
    "FLBeg3WROqJQQDRPAdHAX5hE+O93w2s5wlEacQmbYxf9F01NZx9FcQa0DI1sZVfUa9txIz"
    "5jICq7rimL0Uh9BAbDoZaYrEaraxYszioSArySg9vCYZVxHK0wzhkcAPDUsuZQ2HmbINvY"
    "a9qtjW1smHk79kiooV1P9nnuVWdFaXJaAEMiSK3PYQD0YCsQ2REjhHIWdY7q4FNla3kdVA"
    "IZ+Kny+6k8mc8h1FjIgGnnlmtpLEDK5ZBy0SDUnHJOIAVJV2dJB43+fox5hlS21jZ8AtEw"
    "wnzlYZKUgDAU36kQ2XjSiSKwcSLAFdJbKzIo8QjLXKDGaADVrDN+3odXkhCsoKmGorzgim"
    "QALaS77yzdfRZmTm8IbfOKmInYxs9GUEtgV+2DoNhhHnDVih2mKb0lYPzFaTa+SUVfAWPv"
    "8FrGCo5UObhdMW0o1rEjvwLKq6NWdcu4ZgczVWTFQ6nSEl4pCQDv2oUrKlQb1MzxomFLrB"
    "N6wxk2SG6I63SHXbf2ZMFWVnDIX2tryg6FK1Kt+JA2DwnW1iD6OtFdXu7UYK2ebNb1aa6b"
    "BnokNtJRkC8Rqx+EDth4m7yiOSXw6N4mCxCVylnaayr2oz1J4tGs2kalVycSBkJloKoqA+"
    "kzsrDyRsmFRJDtwH93enQc+D7LW8XyouSFfJ9RSkBYgnAokNWxjdEAqmA73mHTEaH6Y4mW"
    "jAajLBGOClh7274ElC9XjBqKb0xA5tayq1KDfFPdGjUoNOgpqkGhWVGhF4WFsOXaS9b8gV"
    "VC9bb/GwetOpvydER2O6aweJ8h6bFbBsP1DXZ5xStR0wF9pkp9Jm+tMihSlqNIWe7qZFCW"
    "LGdZMp3X5pGYArOSDkKiCtMMAqGxt1kGoJmXJY9Bw6lIw1HxwEC/tt36E3gC2DXhU5c8QI"
    "d3sw/OYRqZ4oEZeSSIkbBuayxuxUAPSzRh3QT0J/r76fFWt5DpOAveY40n0Mh6tW3ACVqz"
    "1es0DNb97Vr300Jl1tXrbeiRGNrf1WY5712SYDBZuZPZRDo4lkuUHf8hnQ/aOBHgul7d8R"
    "ErQd/ph5z2DGJVhSe+ulR8OqudXgK+TY/8FaVirbwNweKWaEiRdZ+uHkW2mZJq5IeZv3EC"
    "ZaWDdGTY+qPbZt6AlSrzaroTeudJn0+x47Cop588tZz+gNmDvLN1uczX+xi8wZJ4KiGYnm"
    "4Ad+FAOFW1Cpc/OzkUgpCiCSV7hLqmRwrqwPFRemXTo0RJb29VS/FV6CWxoq6wmcTlbffj"
    "qJUPb4+IVVun/+6t/t3dl95lB3n/RSGkMhMfFCbiQ+o8fIAavuvXuspSV6/hW6QU9Y5rUL"
    "/b7pmnNKMNGBSKQL13BgXv2FWktlSUECpL1XmOwYdb3qEW6h5tB1nwju8i/hfy8EvPw1eK"
    "Pggd15sGH8Rc5Q0BPh5Nx2rnbwaSby0bUE5NRQlSZHcd0hJdZOkW22ANrrXaatNg5FrT7d"
    "DCPDMVG8idUFyYZXVMZnMmmwzk17xpp6WvshsW+cmZkFf0iCWhLuWzXx//8ke0VA8YZys1"
    "zj7Tn5XHYhWMb6C1qvxmi9GvlQNjgayBUB8rBcUcZwTFHEvixCGwa6s2QoiXaFbh35qd47"
    "ZQTTU4JOeupioQArwQ5bPLKJ9dVP2s2fJVxTZ30c/Ibi8B3wbr0yLSSTFZq3iq5ExI9HTp"
    "dKVr63NvuCasGZV4K3kxKV5nKqIwo1fddOknIJegBxwETxmyGKvNGaoo5jEbs9BghgVvGX"
    "RJWP57pry3USLoKkoFyn1NlPv1cUH7oOi3LrrXF73BoDvqD687KPru3roeanefh1+1j71e"
    "B0XeiHtpN6YBul9ZNzRnPMHGYppTqZITwyk1o/NpISUrhRqAhhazO7fGCJCx89qjac8Kdg"
    "jM5gUBP3UO+BnT5/mTRPPO3HEhEdg91+w0COzddmAvtMtes25LLPECkb4/xENBVM7zTLRI"
    "C4//Os80dAz+MeYZ4rpbjayaXbMtA4Hz+4LsruIxGr5goQ8z5HnUytEKPUJrFC4ASTR54C"
    "3czHJHTQpq9mhThrlQj4JdhGztKcBKEVsquWDRfI9K85z2BPjq+tqRqUlPDWsaOvij2up9"
    "7UIChaAg9skG8mjiXRh+4a992HmLOvoFpiZ2WCCPhV8Rc9hRgGVtHUpjq1B4iUEHzR12Wl"
    "1Jn+Vq7hCMb6BXaivdB0xn9bWT4jrLPxUnBB9VHh8V95662gu286vicmKwdCRh9hHKgW2E"
    "ojobx7ZqKJVu6QTP6o/gh1nMjYLTHKeEaa71NIO7rSwZCUbgGrXC8Z/gJXbB8XTk38KTQU"
    "NmoGJTRACgkkUignYuw4QWOcCplRpx9BdsIJ+MGRN037DQQabrINekd9pori/Jwg3ejXWq"
    "khm6jVhznCf6GSl1RkrkLTVV+L/Z2zPBLwdrxS6tFXuictQe4UhRXGzLikD9/W54LQd0RS"
    "AeQM2xi/7LW77uIawZmDEoYqfOwN5zcNX9XTQFXQyG5+JxkjE4B2UPtADQAsq1lEBfo22g"
    "Gzv2KCIbowFUQXPdXfhS6EItMfYjdOQ2FOXYBobGUaViW+/GUQP63W5XtQBaEvuBMKKdZT"
    "QQSguoGQq6QWHQNw6ia8V20Yy88Da4jmlgrsx765Pet4jL+0H5RUZ1hxUYjZUw4QELCYPB"
    "Fj7j3iK2+WRa+hSxozY64F0O0OHpW9alyiaLpwnyK8Qgr0RMoYKmrCZKTAiG8EJRlG0dh9"
    "JNEI82mWlzc/y8mBfQ3pLUoMHVWoPjE4YdOhNchtPtXHTWZUxg8ms9+fRW4Z0u0sJU132q"
    "N93lKSxg4ms98TamkDrFbLEiLUx1zac6dnDOPdkiNUx3rac77rMuZNAsIQi0bjNcugPRlG"
    "WzpQIbDIeA2iSUQU3WJJyZkeJRsgrjxHcjhcoME4fCZ1stfOZF3mhF2u6KpNB9FyrM7bLC"
    "HFtw8sCj9ECZKA3EymwQKwPl/ap7Jnqw5Y6sEMngdJcKbYF6elFCKLJWZ5WTT5XNe7UmZ3"
    "mEv2dtn5Cs0PN4j2a19/so+yGxmtTB8PpTMFx8cgjd2yDSDqqv7RGyUCZsW40EQitt3lOM"
    "lBZQhmhGKMa2D9hCMbaaFWOLy9MSUG54oKj0+bNBsq5nRd0wVzce/XnDWTZoDraapivFbm"
    "2EbYixcpytNg9p1obbfp3oXvEuw2ZqJzIdNNdNAz3y7n+rxoDsI1D4EeiAkdjkFc0pjUf6"
    "to10/r1iobYl87+3vsVTkflP/cbYehyjd9OzeeVNz7zP4XG2iSDc2LNaGAjxtlXF20Jb9u"
    "06j8BwUt4qjjiMVuJCHdUYDaAqQbUuXS+biDOo9ztQ7yXpUhtCnEzWaijU8u2sgLknZkuA"
    "+nLFqKEQxx5ItUpa7L1gS6pJeTfaWaoTXg1RqmBkzmYLTov0hWG6iBLbQSFkemZ90B2mxT"
    "wuHOygLzfMC8lrC132Bj368kCnyJpPT1SXkRcxKo/9vUU1JQf/yTUjRk/1qJ88gYTGC9sh"
    "dgfp0ykZs4WKFnTp2ZHSzkzzeuMgevu5jRyCWBM306KfdW/5A+iXMy2Wy8q+Cr01JrMZvU"
    "Zsxoh9J51pc4sZRhZmap/zbM5Z5iTX87zBimWh6Y+QqGP8g4Km8H5eZNzkt+ogn6xnn1tv"
    "OzeffhTV7W9HR8fH74/eHZ99OD15//70w7vV+SF5K+sgcd7/xM4S7aivdr2Cx2Y7F/w+QZ"
    "NObpVMQSRmm2GWwDw9WDAY38BAwbMThUjBs5PUUEF2Kw4uGfPYyiKRPgIp5JfUOtiHHh2I"
    "rdEnc049P0EH0XJJEeWBlLc7QZyqgeJqKz0KPNRsIlNA12EdUDUQ68MzBagPRQkUIs1uCY"
    "+GyBFWUVhESUBO1CeOquGwQl/bqhwEuYqvxqmqzypp/c/jwhrzGkgPC3PqmpbzM/u8/21V"
    "f17cSq4J01JzTYg/vh5TwT62MVMBjsmy5A64dnbeQWGbxnAWw7W80u3nlsQgHt5sZxnFbT"
    "ZMmwXj1lrGP5NXesszIJOF+0C+I84CTXQHzRcPVPJNsIGwPp74BuY3DuKWdwcd+P/pklqG"
    "9m+JfXxbH7K+Al+qqbgmQqkOZuOtRfysZlbLbRpOkDamzVjFFmLoUpU+ITbWjaE1Xfrbbn"
    "9Nmqv418SjSvUhtv4gMbTwiNA/Wz9G7FQkbu0QsdHBoG/g2Zy47CNv8ZjY8UdZ6qDMg4IZ"
    "DtfscPzaA8OIPsMfTdtxuZOYdQ9m/XrYY5mrMA59WHOfM734jJe/cGeyay/Z34VtOcz7rD"
    "9RZJOnhFI5r3dOUx7QBGin5wM2AwlU0+3U/vAGGqi34gwgcwaINOcsHeMYUQORLt9L7JeO"
    "1KgqM8mDtEgHYCuBzR4Meex6IQWU7oE2VxAJAW2uwFS7c4D331T7FT9MCHnuui7VoqQBzM"
    "KIdpYu9uqNpTIyHKwU0/x5NLpB/kkCzXQD+5mU9BOYf3HZ5vG8ryyPc0y/HtOo/ODdRPxy"
    "cVYqfVACLhDFWw8DYUaaprcGCz3rRVp42tf6aU+fL+7CofNnSOLF0qO241QQEyJPb2QPLl"
    "lD3sy0xpAIDlISXLFtE0nCV7qSvSJoQiW+uHJ9qmQzOs2wGZ0mbUYW/u5q3KpaQPoniKHE"
    "ZZ2lv3AkUz9vCYRNklQVnL0yFMMA2BJUQ1/7uIxw3LMZUc5tja/GmJZ40b276F72dqwkri"
    "YhXUuMztN6NTG6TtT0RK8RJiKv2EAu4TV9sGXMCYUVHfh6nlfjhyWv0mMI7vBBYQUfxL64"
    "kZL7Wh57lvvqg2FihymZMWZMBf021S38DR3wzFpO3Eb0I969RU+ERRexlNZvpvHNS2hlHz"
    "Rd3ls89GhqMOV27rfyZJy5i5ExZLm2XrYrttyfURdNWX4sOvjG/xvawnLN6be3iEVWOZzU"
    "pF/1cWo+TVzmipzbZIwdlq9LFWT6Gw00M42fKDODcXrBPIGWs+Qj7IXlsC/radUsI9fxHJ"
    "xrPJgBEv5q57FRQYgM+xmSdFvvvM5Hx4n5+DYo43VWxsEeuw01Irpr1Jd2jKxJwFYckubh"
    "mDd1OU4F3lIFb6n3WM6NtEAGUCtAvZsyYTXTjss3o1l5DJPB8MaECpcGZHgETMqAnrWYJZ"
    "RKicG3WlHQuuldX/avP7XyIRyQdZD/gmoTvUH/t95t77KDVi/vrY/d/oBd8v6LSo2KDCk/"
    "qdj3nuSxGUdJYNmLy54bJH2Iitoz4+Tg0Kq1STOqq+edbZEWjNe1n2nNJc84V3irQNY8r9"
    "DxkcJT6fgovWHikfhU4hH52qNuFmu2LSGHnVXrnaXT+SoWGSAjBb1GptdQnHL7suNUzRNd"
    "W3FoQ9zyDyG0fI9YoYkWaeHxVOeZFnxYik8mgapJxvttRakHkCVRLhqM0Itw3DOsVYMRhH"
    "WWNxghYQvSbPK6YdunZBx6Q7DfasMnccmmh25EV/X60I3orlofutG1eFj+HfpyO2ChCmGV"
    "7zd+pEEQNmC6jh+F4bSRQ3cnNrxc6W8OpicZ91sycKNM5l7J8rFuWV7FDl66fBKp+iJWdX"
    "mlD1zE0rYpKwoHCdIMTOx0gjG6je8tVqMBzenRl6d3e7ESM/LiVS5nnB2WjEBxtBzdK6Kl"
    "e0XTQ4aMEXq1TboDUiMrElETMS86NIuqOjV8YUsMeOm6kT+8ga7Ko3equeGZyeHJUrF+IF"
    "ZRp1CUvs6wty77dzfd0cXnDgpe3VuXt8wPdEcveS/q4f+J+N1z1ZIU6epRwrBR1SS951we"
    "iRRS1Hl3FBRKh0oy6TBDJB0mJdLcxi8mWThafrAlpM2zj1UBejHXWSoTMKXU25TCMJbF9x"
    "IyxbqVZkpZUQnT+0DJtiXagrNttVN6PhwOYrN53heiG6+/XJ336K4TunRKykSbDsdNY32X"
    "8tXkkZA2T7ptxfof0UglqzyrM1GcsDGhNRVH+oL35Yd4kECN0R9imiEZpbV9twsUB6qmOF"
    "DCd2zKjC4FHC0NTLndqqelS6EfT1oSB4t/p53lV9HDMeu8KekwbFBGHoz/WzD+0+3j5Kxb"
    "GiFpoL3t6PRUxQdwepruAmD3BA8A3VQ5EPaHNxDdrRjW6Ce6WBY9kW7Hj5BArdKcxvrEia"
    "rKig9//T9hbpPL"
)
